"""`{% form_key %}`: the hidden one-time key of a POST form, written beside
`{% csrf_token %}` in every form (a builtin tag: no `{% load %}` needed)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..keys import FIELD_NAME, key_for_form

register = template.Library()


@register.simple_tag(takes_context=True)
def form_key(context: template.Context) -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, key_for_form(context.get("request")))
