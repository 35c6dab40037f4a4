"""Posting an admin change form as a browser would: what the page showed, with some fields changed."""

from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(form):
    """POST data that resubmits ``form``'s initial values unchanged."""
    data = {}
    for name, field in form.fields.items():
        value = field.prepare_value(form[name].value())
        if value in (None, "", False):
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(item) for item in value]
        else:
            data[name] = "on" if value is True else str(value)
    return data


def change_page_data(response):
    """The POST data of an admin change page (its form and its inlines' management forms), unchanged."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
        for form in formset.forms:
            data.update({form.add_prefix(name): value for name, value in form_data(form).items()})
    return data


def post_change(client, record, **changes):
    """Open ``record``'s change page, change ``changes`` and save; the response of the save."""
    url = admin_url(type(record), "change", record.pk)
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, {**change_page_data(page), **changes})
