"""The admin's import (with preview) and export, in a register's export columns, through django-import-export's hooks.

What this adds to the library's admin: uploads refused past the settings' limits before they are read
(``exports.uploads``); the problems of every row listed with line, column and a plain message
(``exports.import_report``, shown by ``templates/admin/import_export/import.html``); the columns the
import ignores named as such; and a confirm that fails saying so, and that nothing was saved.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ImportForm

from .import_report import VERSION_COLUMN
from .uploads import LimitedCSV, LimitedXLSX, UploadRefused, check_file_size, check_request_size


class LimitedImportForm(ImportForm):
    """The upload step: its help says the limits, and a file past the size limit is a form error."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["import_file"].help_text = gettext(
            "CSV (UTF-8) or XLSX, with the columns of the export. At most %(size)s, %(rows)s rows and %(cells)s cells."
        ) % {
            "size": filesizeformat(settings.IMPORT_MAX_UPLOAD_BYTES),
            "rows": number_format(settings.IMPORT_MAX_ROWS, force_grouping=True),
            "cells": number_format(settings.IMPORT_MAX_CELLS, force_grouping=True),
        }

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        try:
            check_file_size(upload)
        except UploadRefused as refusal:
            raise forms.ValidationError(str(refusal)) from None
        return upload


class ColumnImportExportMixin(ImportMixin, ExportActionMixin):
    """Admin import (with preview) and export (of a changelist selection too) in the export columns.

    Importing needs the model's add and change permissions; exporting, its view permission.
    """

    import_formats = [LimitedCSV, LimitedXLSX]
    export_formats = [CSV, XLSX]
    import_form_class = LimitedImportForm
    to_encoding = "utf-8-sig"  # a byte-order mark, so Excel shows Japanese right

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def import_action(self, request, **kwargs):
        if request.method == "POST":
            try:
                check_request_size(request)  # before the body is read
            except UploadRefused as refusal:
                messages.error(request, str(refusal))
                return HttpResponseRedirect(request.path)
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse):
            response.context_data["import_columns"] = self.import_columns(request)
        return response

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except FileNotFoundError:  # the temporary copy: imported already (a second click), or cleaned away
            messages.error(request, gettext("That upload is no longer available; nothing was saved. Upload it again."))
        except UploadRefused as refusal:  # the limits were lowered between preview and confirm
            messages.error(request, str(refusal))
        return HttpResponseRedirect(self.import_url())

    def process_result(self, result, request):
        if not (result.has_errors() or result.has_validation_errors()):
            return super().process_result(result, request)
        # The data changed since the preview (a referenced record deleted, say); the import rolled back whole.
        messages.error(
            request,
            gettext(
                "The import failed when it was confirmed, and nothing was saved. Correct the file and upload it again."
            ),
        )
        form = self.get_import_form_class(request)(self.get_import_formats(), self.get_import_resource_classes(request))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import"),
            "opts": self.model._meta,
            "form": form,
            "media": self.media + form.media,
            "result": result,
            "import_columns": self.import_columns(request),
            "import_error_display": self.import_error_display,
        }
        return TemplateResponse(request, [self.import_template_name], context, status=409)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UploadRefused):
            message = str(e)
        else:
            message = gettext(
                "The file could not be read. Check that the format chosen matches the file, that a CSV is in UTF-8, "
                "that its first row is the header and that every row has as many cells as the header."
            )
        form.add_error("import_file", message)

    def import_columns(self, request):
        """Each column of the first import resource, and whether the import writes it, checks it or ignores it."""
        resource = self.get_import_resource_classes(request)[0]()
        columns = []
        for field in resource.get_user_visible_fields():
            if field.column_name == VERSION_COLUMN:
                columns.append((field.column_name, "checked"))
            else:
                columns.append((field.column_name, "imported" if field.attribute else "ignored"))
        return columns

    def import_url(self):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_import", current_app=self.admin_site.name)

    def get_valid_export_item_pks(self, request):
        # The library's default lists every pk of the table (and is deprecated); only the posted ones matter.
        posted = [pk for pk in request.POST.getlist("export_items") if pk.isdigit()]
        return list(self.get_queryset(request).filter(pk__in=posted).values_list("pk", flat=True))

    def get_export_resource_kwargs(self, request, **kwargs):
        base_url = request.build_absolute_uri("/")[:-1]
        return {**super().get_export_resource_kwargs(request, **kwargs), "base_url": base_url}
