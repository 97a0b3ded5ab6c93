"""Public URLs, in Vietnamese like the paper's own addresses."""

from django.urls import path, re_path

from . import feeds, search, seo, sitemaps, views, views_media, views_reads, views_upload

app_name = "articles"

YEAR = r"(?P<year>[0-9]{4})"
MONTH = r"(?P<month>[0-9]{2})"
DAY = r"(?P<day>[0-9]{2})"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tin-moi/", views.LatestView.as_view(), name="latest"),
    path("tim-kiem/", search.search_view, name="search"),
    path("ban-in/<int:pk>/", seo.ArticlePrintView.as_view(), name="print"),
    path("rss/", feeds.LatestFeed(), name="rss"),
    path("atom/", feeds.LatestAtomFeed(), name="atom"),
    path("rss/chuyen-muc/<slug:slug>/", feeds.CategoryFeed(), name="rss-category"),
    path("atom/chuyen-muc/<slug:slug>/", feeds.CategoryAtomFeed(), name="atom-category"),
    path("rss/don-vi/<slug:slug>/", feeds.UnitFeed(), name="rss-unit"),
    path("atom/don-vi/<slug:slug>/", feeds.UnitAtomFeed(), name="atom-unit"),
    path("rss/chu-de/<slug:slug>/", feeds.TopicFeed(), name="rss-topic"),
    path("atom/chu-de/<slug:slug>/", feeds.TopicAtomFeed(), name="atom-topic"),
    path("rss/tac-gia/<slug:slug>/", feeds.AuthorFeed(), name="rss-author"),
    path("atom/tac-gia/<slug:slug>/", feeds.AuthorAtomFeed(), name="atom-author"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="sitemap-news"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("don-vi/<slug:slug>/", views.UnitView.as_view(), name="unit"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("chu-de/<slug:slug>/", views.TopicView.as_view(), name="topic"),
    path("doc/<int:pk>/", views_reads.read_beacon, name="read-beacon"),
    path("xem-truoc/<int:pk>/", views.PreviewView.as_view(), name="preview"),
    path("anh/<int:pk>/<str:name>", views_media.photo_file, name="photo-file"),
    path("quan-tri/anh/tai-len/<int:article_pk>/", views_upload.upload_image, name="editor-upload"),
    re_path(rf"^{YEAR}/$", views.ArchiveView.as_view(), name="archive-year"),
    re_path(rf"^{YEAR}/{MONTH}/$", views.ArchiveView.as_view(), name="archive-month"),
    re_path(rf"^{YEAR}/{MONTH}/{DAY}/$", views.ArchiveView.as_view(), name="archive-day"),
    re_path(
        rf"^(?P<category>[-a-z0-9]+)/{YEAR}/{MONTH}/{DAY}/(?P<slug>[-a-z0-9]+)-(?P<pk>[0-9]{{1,18}})/$",
        views.ArticleDetailView.as_view(),
        name="detail",
    ),
]
