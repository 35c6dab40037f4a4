from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale data: seed_demo, seed_scale, demo_editor."""

    name = "demo"
    verbose_name = "Demo data"
