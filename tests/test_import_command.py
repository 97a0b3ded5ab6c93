"""import_articles: bad files are reported by name and reason, the rest carry on, the exit status says so."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from articles.models import Article

GOOD = "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nBài {n}\n\n(Congannghean.vn)-Sapo {n}.\n\nĐoạn {n}.\n\nP.V\n"


def run(*args):
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        try:
            call_command("import_articles", *map(str, args), stdout=out, stderr=err)
            code = 0
        except CommandError as exc:
            code = exc.returncode
    return code, out.getvalue(), err.getvalue()


BAD_FILES = {
    "no-dateline.txt": "Tiêu đề\n\n(X)-Sapo\n\nĐoạn.\n\nP.V\n".encode(),
    "feb-30.txt": "Chủ Nhật, 30/02/2020, 10:00 [GMT+7]\n\nTiêu đề\n\n(X)-Sapo\n\nĐoạn.\n\nP.V\n".encode(),
    "empty.txt": b"",
    "latin.txt": "Thứ Ba, 07/07/2020, 14:33 [GMT+7]\n\nTiêu đề\n".encode("utf-16"),
}
REASONS = {
    "no-dateline.txt": "no date line",
    "feb-30.txt": "does not exist",
    "empty.txt": "empty",
    "latin.txt": "not UTF-8",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_reported_with_name_and_reason_and_fails_the_run(tmp_path, name):
    (tmp_path / name).write_bytes(BAD_FILES[name])
    code, out, err = run(tmp_path / name)
    assert code == 1
    assert name in err and REASONS[name] in err
    assert "failed: 1" in out
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_good_files_are_imported_although_others_fail(tmp_path):
    for name, data in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    for n in (1, 2):
        (tmp_path / f"good-{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    code, out, err = run(tmp_path)
    assert code == 1
    assert "Created: 2, updated: 0, unchanged: 0, failed: 4." in out
    assert all(name in err for name in BAD_FILES)
    assert sorted(Article.objects.values_list("import_key", flat=True)) == ["good-1", "good-2"]


@pytest.mark.django_db
def test_clean_run_exits_zero_with_a_summary(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD.format(n=1), encoding="utf-8")
    code, out, err = run(tmp_path / "a.txt")
    assert code == 0
    assert "Created: 1, updated: 0, unchanged: 0, failed: 0." in out
    assert err == ""


@pytest.mark.django_db
def test_missing_path_is_a_failure(tmp_path):
    code, _out, err = run(tmp_path / "nowhere.txt")
    assert code == 1
    assert "nowhere.txt" in err and "no such file" in err


@pytest.mark.django_db
def test_folders_are_searched_for_text_files_only(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD.format(n=1), encoding="utf-8")
    (tmp_path / "b.TXT").write_text(GOOD.format(n=2), encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    code, out, _err = run(tmp_path)
    assert code == 0
    assert sorted(Article.objects.values_list("import_key", flat=True)) == ["a", "b"]


@pytest.mark.django_db
def test_progress_bar_only_for_more_than_a_handful_of_files(tmp_path):
    for n in range(3):
        (tmp_path / f"few-{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    _code, _out, err = run(tmp_path)
    assert "file/s" not in err and "%" not in err
    many = tmp_path / "many"
    many.mkdir()
    for n in range(8):
        (many / f"many-{n}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    _code, out, err = run(many)
    assert "8/8" in err and "100%" in err
    assert "Created: 8" in out


@pytest.mark.django_db
def test_unknown_category_stops_before_importing(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD.format(n=1), encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="Unknown category"):
        call_command("import_articles", str(tmp_path / "a.txt"), "--category", "khong-co", stdout=StringIO())
    assert Article.objects.count() == 0
