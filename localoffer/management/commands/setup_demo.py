from django.core.management.base import BaseCommand

from localoffer import demo


class Command(BaseCommand):
    help = "Load the demo schools and create development logins (DEBUG only). Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        demo.configure_demo_settings()
        demo.load_demo_schools()
        logins = [demo.ensure_dev_admin()]
        self.stdout.write(self.style.SUCCESS("Demo site ready. Development-only logins:"))
        for login in logins:
            self.stdout.write(f"  {login.role}: {login.username} / {login.password}")
