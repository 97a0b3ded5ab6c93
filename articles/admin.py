"""Admin for reporters and moderators (placeholder; the workflow work fills this in)."""

from django.contrib import admin

from .models import Article, Author, Category, Unit

admin.site.register([Article, Author, Category, Unit])
