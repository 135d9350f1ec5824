"""The upload form on a school page's "Import from document" admin page."""

from __future__ import annotations

from django import forms

from .readers import human_size, max_file_size, size_message


class ImportDocumentForm(forms.Form):
    document = forms.FileField(
        label="Your current SEN information report",
        help_text=(
            "A PDF with text (not a scan), a Word .docx file, a saved web page or plain "
            "text, up to {size}."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt,.htm,.html"}),
        error_messages={
            "required": "Choose the report document to upload.",
            "empty": "The file is empty: there is no text in it to import.",
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        field.help_text = field.help_text.format(size=human_size(max_file_size()))

    def clean_document(self):
        document = self.cleaned_data["document"]
        limit = max_file_size()
        if document.size > limit:
            raise forms.ValidationError(size_message(document.size))
        return document
