"""Captures in the encodings Russian, Iranian, Japanese and Chinese outlets use: detected at
ingest, recorded under Python's codec name, and read back (spans included) as the right text."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest
from conftest import CLI, REPO

import corpus
from corpus.store import decode, read_index
from pipeline.project import init
from pipeline.raw.charset import prescan
from pipeline.raw.formats import NotACapture, sniff

# News text written for these tests (not copied from any outlet).
RU_TITLE = "Шойгу и Аштиани обсудили военное сотрудничество в Тегеране"
RU_QUOTE = "Мы нацелены на реализацию всех договорённостей, достигнутых нашими президентами"
RU = f"""{RU_TITLE}

Министр обороны России Сергей Шойгу прибыл в Тегеран с официальным визитом и провёл \
переговоры со своим иранским коллегой Мохаммадом-Резой Аштиани.

«{RU_QUOTE}», — заявил Шойгу в начале встречи, сообщает ТАСС.

Стороны обсудили ситуацию в регионе, подготовку совместных учений и поставки вооружений. \
По словам Аштиани, отношения двух стран «вышли на новый уровень».
"""
# KOI8-R has neither guillemets nor dashes: texts in it use straight quotes and hyphens.
RU_KOI8 = RU.replace("«", '"').replace("»", '"').replace("—", "-")
FA_QUOTE = "همکاری‌های دفاعی دو کشور در مسیر درستی قرار دارد و باید گسترش یابد."
FA = f"""دیدار وزیران دفاع ایران و روسیه در تهران

امیر سرتیپ محمدرضا آشتیانی، وزیر دفاع و پشتیبانی نیروهای مسلح، روز چهارشنبه با سرگئی \
شویگو، وزیر دفاع روسیه، در تهران دیدار و گفت‌وگو کرد.

آشتیانی در این دیدار گفت: «{FA_QUOTE}»

به گزارش ایرنا، دو طرف درباره امنیت منطقه، رزمایش‌های مشترک و قراردادهای نظامی گفت‌وگو کردند.
"""
# Windows-1256 has no Persian yeh (ی): Persian text in it is written with the Arabic one (ي).
FA_1256 = FA.replace("ی", "ي")
JA_SAID = "両国の大統領が合意したすべての事項を実行することを目指している"
JA = f"""イランとロシアの国防相がテヘランで会談

ロシアのショイグ国防相は水曜日、テヘランを訪問し、イランのアシュティアニ国防軍需相と会談した。

ショイグ氏は会談の冒頭で「{JA_SAID}」と述べた。

両氏は地域の安全保障や合同演習、兵器の供給について協議したと、イラン国営通信が伝えた。
"""
ZH_SAID = "我们致力于落实两国总统达成的所有协议。"
ZH = f"""伊朗与俄罗斯国防部长在德黑兰会晤

俄罗斯国防部长绍伊古星期三抵达德黑兰进行正式访问，并与伊朗国防部长阿什蒂亚尼举行会谈。

绍伊古在会谈开始时表示：“{ZH_SAID}”

据伊朗伊斯兰共和国通讯社报道，双方讨论了地区安全、联合军事演习以及武器供应等问题。
"""


def page(text: str, head: str = "") -> str:
    """An HTML page of ``text``: its first paragraph the title and heading."""
    title, *paragraphs = text.strip().split("\n\n")
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html><head>{head}<title>{title}</title></head>\n"
        f"<body><article><h1>{title}</h1>\n{body}</article></body></html>\n"
    )


CHARSET_1251 = '<meta charset="windows-1251">'
HTTP_EQUIV_KOI8 = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'

# name, bytes, the encoding to record, the text they are
CAPTURES = [
    ("ru-cp1251.txt", RU.encode("cp1251"), "cp1251", RU),
    ("ru-koi8r.txt", RU_KOI8.encode("koi8-r"), "koi8-r", RU_KOI8),
    ("fa-cp1256.txt", FA_1256.encode("cp1256"), "cp1256", FA_1256),
    ("ja-shift-jis.txt", JA.encode("shift_jis"), "cp932", JA),
    ("zh-gb18030.txt", ZH.encode("gb18030"), "gb18030", ZH),
    ("fa-utf16.txt", FA.encode("utf-16"), "utf-16", FA),
    ("ru-utf16be.txt", codecs.BOM_UTF16_BE + RU.encode("utf-16-be"), "utf-16", RU),
    # No byte-order mark: the NULs of its ASCII characters say which byte order
    ("fa-utf16le-no-bom.txt", FA.encode("utf-16-le"), "utf-16-le", FA),
    ("zh-utf16le-no-bom.txt", ZH.encode("utf-16-le"), "utf-16-le", ZH),
    ("ru-utf16be-no-bom.html", page(RU).encode("utf-16-be"), "utf-16-be", page(RU)),
    ("ru-meta.html", page(RU, CHARSET_1251).encode("cp1251"), "cp1251", page(RU, CHARSET_1251)),
    (
        "ru-http-equiv.html",
        page(RU_KOI8, HTTP_EQUIV_KOI8).encode("koi8-r"),
        "koi8-r",
        page(RU_KOI8, HTTP_EQUIV_KOI8),
    ),
    (
        "fa-meta.html",
        page(FA_1256, '<meta charset="windows-1256">').encode("cp1256"),
        "cp1256",
        page(FA_1256, '<meta charset="windows-1256">'),
    ),
    (
        "ja-meta.htm",
        page(JA, '<meta charset="Shift_JIS">').encode("shift_jis"),
        "cp932",
        page(JA, '<meta charset="Shift_JIS">'),
    ),
    # A page that lies: it says UTF-8 and is Windows-1251; it says Windows-1251 and is UTF-8.
    (
        "ru-lying-utf8.html",
        page(RU, '<meta charset="utf-8">').encode("cp1251"),
        "cp1251",
        page(RU, '<meta charset="utf-8">'),
    ),
    (
        "ru-lying-1251.html",
        page(RU, CHARSET_1251).encode("utf-8"),
        "utf-8",
        page(RU, CHARSET_1251),
    ),
]


@pytest.mark.parametrize(("name", "data", "encoding", "text"), CAPTURES)
def test_each_encoding_is_detected_and_recorded_by_its_python_name(
    name: str, data: bytes, encoding: str, text: str
) -> None:
    found = sniff(data, name)
    assert found.encoding == encoding
    assert found.media_type == ("text/html" if ".htm" in name else "text/plain")
    assert decode(data, found.encoding) == text
    assert codecs.lookup(found.encoding).name == found.encoding, "recorded as Python names it"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"Shoigu met Ashtiani in Tehran.\n", "utf-8"),  # plain ASCII
        ("Shoïgu met Ashtiani – “We agreed,” he said.\n".encode("cp1252"), "cp1252"),
        ("Le ministre a été reçu à Téhéran.".encode("latin-1"), "cp1252"),
        ("Price: 5 €".encode("cp1252"), "cp1252"),
        ("Il ministro è arrivato a Teheran, più tardi così.".encode("cp1252"), "cp1252"),
        ("Forsvarsministrene mødtes i Teheran, før de rejste.".encode("cp1252"), "cp1252"),
        (page("Тегеран\n\nТекст.", CHARSET_1251).encode("cp1251"), "cp1251"),
        (page("Шойгу прибыл.\n\nДа.", HTTP_EQUIV_KOI8).encode("koi8-r"), "koi8-r"),  # unguessable
        (page("Hello\n\nWorld.", '<meta charset="latin1">').encode(), "cp1252"),  # WHATWG reading
        (page("Hello\n\nWorld.", '<meta charset="utf-16">').encode(), "utf-8"),  # WHATWG reading
        (page("Hello\n\nWorld.", '<meta charset="no-such-thing">').encode(), "utf-8"),
        (f"<!-- {CHARSET_1251} -->{page('Тегеран')}".encode(), "utf-8"),
    ],
)
def test_ascii_western_and_declared_pages(data: bytes, encoding: str) -> None:
    assert sniff(data).encoding == encoding


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("short.txt", "Шойгу прибыл в Тегеран.".encode("koi8-r"), "(cp874, koi8-r?)"),
        ("word.txt", "Тегеран".encode("cp1251"), "cannot tell its encoding with confidence"),
        ("bytes.txt", b"\x81\x8d\x8f\x90\x9d broken", "(cp1251, cp866?)"),
        # Windows-1252 would be taken on a tie, but these read so are no Western language.
        ("cs.txt", "Ministr Šojgu přiletěl do Teheránu.".encode("cp1250"), "cp1252"),
        ("tr.txt", "Bakan Şoygu, İranlı mevkidaşıyla görüştü.".encode("cp1254"), "cp1252"),
        ("damaged.txt", RU.encode()[:-40] + b"\xd0" + RU.encode()[-39:], "invalid UTF-8 at byte"),
        # UTF-8's shape, encoding what it forbids: overlong "/", a surrogate, past U+10FFFF
        ("overlong.txt", b"Talks ended \xc0\xaf in Moscow.", "UTF-8 in form but not valid"),
        ("cesu-8.txt", b"Talks \xed\xa0\xbd\xed\xb8\x80 ended.", "UTF-8 in form but not valid"),
        ("past-max.txt", b"Talks \xf4\x90\x80\x80 ended.", "UTF-8 in form but not valid"),
    ],
)
def test_ambiguous_or_damaged_bytes_are_refused(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(
        NotACapture, match=r"re-save it as UTF-8|damaged|not valid UTF-8"
    ) as refused:
        sniff(data, name)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FA_1256, "cp1256"),
        ("Shoïgu met Ashtiani – “We agreed,” he said. Café crème, naïve façade.\n", "cp1252"),
    ],
)
def test_a_large_capture_is_told_by_its_first_megabyte(text: str, codec: str) -> None:
    data = (text * (9_500_000 // len(text.encode(codec)))).encode(codec)  # under --max-size
    assert sniff(data).encoding == codec


def test_an_encoding_can_be_given(cli: CLI, tmp_path: Path) -> None:
    project = init(tmp_path / "p")
    short = tmp_path / "short.txt"
    short.write_bytes("Шойгу прибыл в Тегеран.".encode("koi8-r"))
    result = cli("ingest", "--root", project.root, short)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()[:1]
    assert line.startswith(f"ingest: {short}: cannot tell its encoding with confidence")
    assert line.endswith("re-save it as UTF-8, or give it with --encoding")
    assert cli("ingest", "--root", project.root, "--encoding", "no-such", short).exit_code == 2
    wrong = cli("ingest", "--root", project.root, "--encoding", "utf-8", short)
    assert wrong.exit_code == 1 and f"{short}: not valid utf-8 (byte 0)" in wrong.stderr
    assert cli("ingest", "--root", project.root, "--encoding", "KOI8-R", short).exit_code == 0
    (record,) = read_index(project.raw_dir)
    assert record.encoding == "koi8-r"


def test_a_capture_recorded_with_the_wrong_encoding_is_corrected_by_giving_it(
    cli: CLI, tmp_path: Path
) -> None:
    """How ingest stored Russian before it detected encodings: as Windows-1252 mojibake."""
    project = init(tmp_path / "p")
    shutil.rmtree(project.registry_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    path = tmp_path / "ru.txt"
    path.write_bytes(RU.encode("cp1251"))
    other = tmp_path / "en.txt"
    other.write_text("Shoigu met Ashtiani in Tehran.\n\nThey talked.\n")
    assert cli("ingest", "--root", project.root, "--encoding", "cp1252", path, other).exit_code == 0
    assert cli("build", "--root", project.root).exit_code == 0
    titles = {d["title"] for d in corpus.at(project.root).rows("documents")}
    assert RU_TITLE.encode("cp1251").decode("cp1252") in titles, "mojibake, as recorded"

    result = cli("ingest", "--root", project.root, path, other)
    assert result.output == "0 added, 2 already stored\n", "a stored record is kept"
    result = cli("ingest", "--root", project.root, "--encoding", "windows-1251", path)
    assert result.output == "0 added, 1 already stored (1 now recorded as cp1251)\n"
    records = {r.original_name: r for r in read_index(project.raw_dir)}
    assert (records["ru.txt"].encoding, records["en.txt"].encoding) == ("cp1251", "cp1252")
    assert cli("build", "--root", project.root).exit_code == 0
    assert cli("verify", "--root", project.root).exit_code == 0
    titles = {d["title"] for d in corpus.at(project.root).rows("documents")}
    assert RU_TITLE in titles


@pytest.mark.parametrize(
    ("head", "label"),
    [
        ('<meta charset="windows-1251">', "windows-1251"),
        ("<meta charset=koi8-r>", "koi8-r"),
        ("<META HTTP-EQUIV='content-type' CONTENT='text/html;charset=\"cp1256\"'>", "cp1256"),
        ('<meta content="text/html; charset=Shift_JIS" http-equiv="Content-Type">', "Shift_JIS"),
        ('<meta name="description" content="charset=koi8-r">', None),  # not a pragma
        ('<!-- <meta charset="koi8-r"> --><meta charset="gbk">', "gbk"),
        ('<script>var s = "<meta charset=koi8-r>";</script>', "koi8-r"),  # the prescan's reading
        (f"<title>{'x' * 1024}</title><meta charset=koi8-r>", None),  # past 1,024 bytes
    ],
)
def test_the_prescan_finds_the_declared_charset(head: str, label: str | None) -> None:
    assert prescan(page("Title\n\nText.", head).encode()) == label


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of every capture above, ingested, built, validated and verified by the CLI."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    def run(*args: object) -> None:
        result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output

    base = tmp_path_factory.mktemp("encodings")
    project = init(base / "p")
    shutil.rmtree(project.registry_dir)
    shutil.copytree(REPO / "corpus" / "registry", project.registry_dir)
    captures = base / "captures"
    captures.mkdir()
    for name, data, _, _ in CAPTURES:
        (captures / name).write_bytes(data)
    run("ingest", "--root", project.root, captures)
    run("build", "--root", project.root)
    run("validate", "--root", project.root)
    run("verify", "--root", project.root)
    return project.root


def test_every_capture_is_recorded_with_its_encoding(built: Path) -> None:
    recorded = {r["original_name"]: r["encoding"] for r in corpus.at(built).rows("raw_files")}
    assert recorded == {name: encoding for name, _, encoding, _ in CAPTURES}


def _spans(root: Path) -> dict[str, tuple[str, dict[str, list[str]]]]:
    """Each capture's name: its document's text, and the raw slices of its spans by table and
    kind (``evidence.title``, ``segments.body``, ``quotes``)."""
    data = corpus.at(root)
    names = {r["blake3"][:16]: (r["blake3"], r["original_name"]) for r in data.rows("raw_files")}
    found: dict[str, tuple[str, dict[str, list[str]]]] = {}
    for doc in data.rows("documents"):
        b3, name = names[doc["doc_id"]]
        raw = data.raw_text(b3)
        slices: dict[str, list[str]] = {}
        for table, kind in (("evidence", "field"), ("quotes", None), ("segments", "kind")):
            for row in data.rows(table):
                if row["doc_id"] == doc["doc_id"]:
                    key = f"{table}.{row[kind]}" if kind else table
                    slices.setdefault(key, []).append(raw[int(row["start"]) : int(row["end"])])
        found[name] = (doc["text"], slices)
    return found


def test_titles_quotes_and_bodies_read_the_right_characters(built: Path) -> None:
    spans = _spans(built)
    said = {"ru": RU_QUOTE, "fa": FA_QUOTE, "ja": JA_SAID, "zh": ZH_SAID}
    for name, _, encoding, _ in CAPTURES:
        quote = said[name[:2]].replace("ی", "ي") if encoding == "cp1256" else said[name[:2]]
        text, slices = spans[name]
        segments = [
            s for kind, found in slices.items() if kind.startswith("segments.") for s in found
        ]
        assert any(quote in s for s in segments), name  # whether the cleaner keeps it or not
        assert quote in text or name == "fa-meta.html", name  # the HTML cleaner drops its body
    for name in ("ru-cp1251.txt", "ru-koi8r.txt", "ru-meta.html", "ru-lying-utf8.html"):
        assert spans[name][1]["evidence.title"] == [RU_TITLE], name
    for name in ("ru-cp1251.txt", "ru-koi8r.txt", "ru-utf16be.txt"):
        assert RU_QUOTE in spans[name][1]["quotes"], name
    assert FA_QUOTE.replace("ی", "ي") in spans["fa-cp1256.txt"][1]["quotes"]
    assert FA_QUOTE in spans["fa-utf16.txt"][1]["quotes"], "UTF-16 spans count code points"
