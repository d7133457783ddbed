from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "zhifa.team"
    label = "team"
    verbose_name = "队伍"

    def ready(self) -> None:
        # locate() answers up to the squadron without grid importing team: team adds it.
        from zhifa.grid.locate import zone_annotators

        from .models import Squadron

        def squadron_of(zone_id: int) -> dict:
            sq = Squadron.all_towns.filter(zone_id=zone_id).values("id", "name").first()
            return {"squadron_id": sq["id"], "squadron_name": sq["name"]} if sq else {}

        if not any(getattr(f, "__name__", "") == "squadron_of" for f in zone_annotators):
            zone_annotators.append(squadron_of)
