"""django.contrib.admin with our site (admin_site.py): every model admin confined to the user's
towns. Its own module, since an apps module may declare one default configuration only."""

from django.contrib.admin.apps import AdminConfig


class ZhifaAdminConfig(AdminConfig):
    default_site = "zhifa.accounts.admin_site.ZhifaAdminSite"
