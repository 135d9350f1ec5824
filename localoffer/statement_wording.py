"""Starting wording for a council's accessibility statement.

The sections follow the GOV.UK model accessibility statement, the structure the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018
expect. The council must check every section against its own testing before publishing:
these are the defaults a new statement page starts with, not a finished statement.

Each function is a model field default, so the admin's "add page" form starts filled in
and migrations refer to the function rather than copying the text.
"""

from __future__ import annotations


def usage() -> str:
    """What people should be able to do on the site (the statement's opening section)."""
    return (
        "<p>We want as many people as possible to be able to use this website. "
        "For example, that means you should be able to:</p>"
        "<ul>"
        "<li>change colours, contrast levels and fonts using browser or device settings</li>"
        "<li>zoom in up to 400% without the text spilling off the screen</li>"
        "<li>navigate the website using just a keyboard</li>"
        "<li>navigate most of the website using speech recognition software</li>"
        "<li>listen to most of the website using a screen reader (including the most recent "
        "versions of JAWS, NVDA and VoiceOver)</li>"
        "<li>use the website without JavaScript</li>"
        "</ul>"
        "<p>We\u2019ve also made the website text as simple as possible to understand.</p>"
        '<p><a href="https://mcmw.abilitynet.org.uk/">AbilityNet</a> has advice on making '
        "your device easier to use if you have a disability.</p>"
    )


def how_accessible() -> str:
    """The known problems, in plain English."""
    return (
        "<p>We know some parts of this website are not fully accessible:</p>"
        "<ul>"
        "<li>some documents that schools attach to their reports, such as PDF policies, "
        "are not fully accessible to screen reader software</li>"
        "<li>links to schools\u2019 own websites take you to websites we do not run, which may "
        "not be fully accessible</li>"
        "</ul>"
    )


def non_compliance() -> str:
    """Failures against WCAG 2.2 AA, each with the success criterion it fails."""
    return (
        "<p>Some documents attached to school reports are PDF or Word files without "
        "headings or text descriptions of images, so a screen reader cannot read them "
        "properly. This fails WCAG 2.2 success criterion 1.1.1 (non-text content) and "
        "1.3.1 (info and relationships). We ask schools to publish their report as a web "
        "page on this site, which meets these criteria, and to replace such documents when "
        "they next review their report.</p>"
    )


def out_of_scope() -> str:
    """Content the regulations do not require the council to fix."""
    return (
        "<p><b>PDFs and other documents.</b> The accessibility regulations do not require "
        "us to fix PDFs or other documents published before 23 September 2018 if they\u2019re "
        "not essential to providing our services.</p>"
        "<p><b>Schools\u2019 own websites.</b> School pages link to each school\u2019s own "
        "website. Those websites are run by the schools, not by us.</p>"
    )


def improvements() -> str:
    """What the council is doing about the problems."""
    return (
        "<p>Every public page of this website is checked automatically in a real browser "
        "against WCAG 2.2 A and AA each time the software changes, and checked with a "
        "keyboard only and at 320 pixels wide. We ask schools to publish their SEN "
        "information reports as web pages rather than documents.</p>"
    )


def test_approach() -> str:
    """How the sample of pages was chosen and tested."""
    return (
        "<p>We tested every type of public page: the home page, the list of schools, each "
        "school\u2019s report page, the school search with and without filters, the error pages, "
        "this statement and the sign-in page for school staff. Each was checked with the "
        "axe-core accessibility checker against WCAG 2.2 A and AA, with a keyboard only, at "
        "320 pixels wide and as printed.</p>"
    )
