from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from census.demo import load_demo_census
from feedback.demo import load_demo_feedback
from localoffer import demo
from localoffer.services import ensure_accessibility_statement, ensure_privacy_notice
from moderation.selectors import longest_unreviewed_school
from postcodes.demo import TRY_POSTCODE, load_demo_postcodes
from schools.services import get_or_create_school_index
from search.services import ensure_directory_page


class Command(BaseCommand):
    help = "Load the demo schools and create development logins (DEBUG only). Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        try:
            demo.require_debug()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        demo.configure_demo_settings()
        demo.load_demo_schools()
        load_demo_census()
        # Made-up postcodes for the example town, and the example schools placed there.
        postcodes_loaded = load_demo_postcodes()
        index = get_or_create_school_index()
        directory = ensure_directory_page(index)
        ensure_accessibility_statement()
        ensure_privacy_notice()
        home = Site.objects.get(is_default_site=True).root_page.specific
        if isinstance(home, demo.HomePage):
            demo.describe_demo_home(home)
        load_demo_feedback(home, longest_unreviewed_school(), directory)
        # A council moderator, and an editor of the most overdue school (to show the review).
        logins = demo.ensure_demo_logins(longest_unreviewed_school())
        self.stdout.write(self.style.SUCCESS("Demo site ready. Development-only logins:"))
        for login in logins:
            self.stdout.write(f"  {login.role}: {login.username} / {login.password}")
        if postcodes_loaded:
            self.stdout.write(
                f"Try a postcode search near {TRY_POSTCODE} (made-up example postcodes)."
            )
