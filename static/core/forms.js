// Alpine components of the on-site forms. The page loads Alpine's CSP build, which evaluates no
// code written in the page: the components live here, and their starting values come from data-
// attributes (plain text), never from an expression that a stored value could break out of.
document.addEventListener("alpine:init", () => {
  window.Alpine.data("recordForm", () => ({
    kind: "inspection",
    permitted: "",
    occupied: "",
    init() {
      const d = this.$el.dataset;
      this.kind = d.kind || "inspection";
      this.permitted = d.permitted || "";
      this.occupied = d.occupied || "";
    },
    get isInspection() { return this.kind === "inspection"; },
    get isInterview() { return this.kind === "interview"; },
    // occupied − permitted in cents, so 29.7 − 14.43 reads 15.27
    get difference() {
      if (this.permitted === "" || this.occupied === "") return "—";
      const cents = Math.round(Number(this.occupied) * 100) - Math.round(Number(this.permitted) * 100);
      return Number.isFinite(cents) ? (cents / 100).toFixed(2) : "—";
    },
  }));

  window.Alpine.data("onTheSpotForm", () => ({
    kind: "fine",
    amount: "",
    collect: false,
    init() {
      const d = this.$el.dataset;
      this.kind = d.kind || "fine";
      this.amount = d.amount || "";
      const box = this.$el.querySelector("[name=collect_on_spot]");
      if (box) {
        this.collect = box.checked;
        box.addEventListener("change", () => { this.collect = box.checked; });
      }
      if (navigator.geolocation) {
        navigator.geolocation.getCurrentPosition((p) => {
          this.$refs.lat.value = p.coords.latitude;
          this.$refs.lng.value = p.coords.longitude;
        });
      }
    },
    get isFine() { return this.kind === "fine"; },
    get overLimit() { return Number(this.amount) > 200; },
  }));
});
