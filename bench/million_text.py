"""Vietnamese words for the million-article benchmark: sections, units, pen names, titles, leads and bodies.

Pure Python (no Django): bench/million_load.py turns these into rows. Every choice takes a
random.Random, so a chunk of articles is the same on every run with the same seed.
"""

import re
from html import escape
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent.parent / "articles" / "demo"

# (section, needs sign-off, sub-sections, share of all articles). The five top sections are load_demo's.
SECTIONS = [
    ("Tin tức - Sự kiện", False, ["Thời sự", "Tin địa phương"], 0.26),
    ("An ninh trật tự", True, ["Phòng chống ma túy", "An toàn giao thông", "Phòng cháy chữa cháy"], 0.30),
    ("Xây dựng lực lượng", False, ["Gương sáng vì bình yên", "Thi đua khen thưởng"], 0.16),
    ("Pháp luật", False, ["Hỏi đáp pháp luật", "Phiên tòa"], 0.14),
    ("Gia đình - Xã hội", False, ["Văn hóa - Thể thao", "Nhịp cầu nhân ái"], 0.11),
    ("Quốc tế", False, [], 0.03),
]

MINISTRY = "Bộ Công an"
DEPARTMENTS = [
    "Cục X03", "Cục Cảnh sát giao thông", "Cục Cảnh sát hình sự", "Cục An ninh mạng và phòng, chống tội phạm sử dụng"
    " công nghệ cao", "Cục Cảnh sát điều tra tội phạm về ma túy", "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    "Cục Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Cục Công tác Đảng và công tác chính trị",
    "Cục Tổ chức cán bộ", "Cục Truyền thông Công an nhân dân",
]  # fmt: skip
PROVINCES = [
    "Công an tỉnh Thanh Hóa", "Công an tỉnh Nghệ An", "Công an tỉnh Hà Tĩnh", "Công an tỉnh Quảng Bình",
    "Công an tỉnh Quảng Trị", "Công an tỉnh Thừa Thiên Huế", "Công an thành phố Đà Nẵng", "Công an tỉnh Ninh Bình",
]  # fmt: skip
HOME_PROVINCE = "Công an tỉnh Nghệ An"
# The district-level police of Nghệ An: (unit name, place name used in the text).
DISTRICTS = [
    ("Công an thành phố Vinh", "TP Vinh"), ("Công an thị xã Cửa Lò", "TX Cửa Lò"),
    ("Công an thị xã Hoàng Mai", "TX Hoàng Mai"), ("Công an thị xã Thái Hòa", "TX Thái Hòa"),
    ("Công an huyện Diễn Châu", "Diễn Châu"), ("Công an huyện Nghi Lộc", "Nghi Lộc"),
    ("Công an huyện Quỳnh Lưu", "Quỳnh Lưu"), ("Công an huyện Yên Thành", "Yên Thành"),
    ("Công an huyện Đô Lương", "Đô Lương"), ("Công an huyện Nam Đàn", "Nam Đàn"),
    ("Công an huyện Hưng Nguyên", "Hưng Nguyên"), ("Công an huyện Thanh Chương", "Thanh Chương"),
    ("Công an huyện Anh Sơn", "Anh Sơn"), ("Công an huyện Con Cuông", "Con Cuông"),
    ("Công an huyện Tương Dương", "Tương Dương"), ("Công an huyện Kỳ Sơn", "Kỳ Sơn"),
    ("Công an huyện Quế Phong", "Quế Phong"), ("Công an huyện Quỳ Châu", "Quỳ Châu"),
    ("Công an huyện Quỳ Hợp", "Quỳ Hợp"), ("Công an huyện Nghĩa Đàn", "Nghĩa Đàn"),
    ("Công an huyện Tân Kỳ", "Tân Kỳ"),
]  # fmt: skip
OFFICES = [
    "Phòng Cảnh sát hình sự", "Phòng Cảnh sát điều tra tội phạm về ma túy", "Phòng Cảnh sát giao thông",
    "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ", "Phòng An ninh mạng và phòng, chống tội phạm sử dụng"
    " công nghệ cao", "Phòng Cảnh sát điều tra tội phạm về trật tự xã hội", "Phòng Cảnh sát kinh tế",
    "Phòng Cảnh sát cơ động", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội", "Phòng Tham mưu",
    "Phòng Công tác Đảng và công tác chính trị", "Phòng Tổ chức cán bộ", "Phòng Hậu cần",
    "Phòng Cảnh sát thi hành án hình sự và hỗ trợ tư pháp", "Phòng Quản lý xuất nhập cảnh", "Trại tạm giam",
]  # fmt: skip
COMMUNE_PREFIXES = ["Công an xã", "Công an phường", "Công an thị trấn"]
COMMUNES = [
    "Nghi Phú", "Hưng Lộc", "Nghi Đức", "Bến Thủy", "Hà Huy Tập", "Lê Lợi", "Quang Trung", "Trường Thi", "Nghi Hải",
    "Nghi Thu", "Diễn Kỷ", "Diễn Hồng", "Diễn Thành", "Nghi Xuân", "Nghi Thạch", "Quỳnh Bảng", "Quỳnh Lập",
    "Sơn Hải", "Tiến Thủy", "Mã Thành", "Hoa Thành", "Bài Sơn", "Đà Sơn", "Nam Giang", "Kim Liên", "Hưng Tây",
    "Thanh Lĩnh", "Thanh Thủy", "Hạnh Lâm", "Tường Sơn", "Môn Sơn", "Châu Khê", "Tam Quang", "Nhôn Mai", "Mỹ Lý",
    "Nậm Cắn", "Tri Lễ", "Thông Thụ", "Châu Hạnh", "Châu Quang", "Nghĩa Hiếu", "Tân Long", "Kỳ Tân", "Quỳnh Dị",
    "Nghi Tân", "Thu Thủy", "Diễn Ngọc", "Hưng Dũng", "Vinh Tân", "Đông Vĩnh", "Nghi Kim", "Nghi Ân", "Hưng Hòa",
    "Nghi Liên", "Nghi Văn", "Đô Thành", "Lạc Sơn", "Tràng Sơn", "Yên Sơn", "Nam Thanh", "Xuân Hòa", "Khánh Thành",
    "Nghi Yên", "Quỳnh Thạch",
]  # fmt: skip
CLUSTER = "Cụm thi đua số 5"

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thu", "Hữu", "Ngọc", "Thanh", "Xuân", "Hồng", "Công"]
GIVEN = [
    "Anh", "Hà", "Minh", "Đức", "Thắng", "Hùng", "Lan", "Hương", "Tuấn", "Dũng", "Hải", "Sơn", "Nam", "Phong",
    "Trang", "Linh", "Hoa", "Quân", "Khánh", "Bình", "Cường", "Thủy", "Yến", "Long", "Toàn", "Việt", "Hiếu",
    "Tâm", "Nga", "Huy", "Lộc", "Phúc", "Trung", "Thành", "Đạt", "Vinh", "Hạnh", "Oanh", "Giang", "Tùng",
]  # fmt: skip

TIMES_OF_DAY = ["Sáng", "Chiều", "Tối", "Trưa", "Đêm"]
VENUES = [
    "hội trường Công an tỉnh", "Quảng trường Hồ Chí Minh", "trụ sở Công an huyện", "Nhà văn hóa xã",
    "trung tâm hội nghị tỉnh", "bãi biển Cửa Lò", "Quốc lộ 1A", "Quốc lộ 7", "đường mòn Hồ Chí Minh",
    "cửa khẩu Nậm Cắn", "khu du lịch Kim Liên", "chợ Vinh", "bến xe Bắc Vinh", "cảng Cửa Lò",
]  # fmt: skip

# Title patterns per top section: {unit} is a unit of the article, {place} a place name.
TITLES = {
    "Tin tức - Sự kiện": [
        "{unit} tổ chức hội nghị sơ kết công tác {topic}",
        "{unit} triển khai nhiệm vụ trọng tâm {period}",
        "Lãnh đạo tỉnh làm việc với {unit} về công tác {topic}",
        "{unit} ra quân cao điểm bảo đảm an ninh {event}",
        "Hội nghị giao ban công tác {topic} tại {place}",
        "Đoàn công tác Bộ Công an kiểm tra tại {place}",
    ],
    "An ninh trật tự": [
        "{unit} triệt phá đường dây mua bán trái phép chất ma túy tại {place}",
        "Bắt giữ đối tượng vận chuyển {drug} qua {place}",
        "{unit} điều tra vụ trộm cắp tài sản ở {place}",
        "Xử lý {number} trường hợp vi phạm nồng độ cồn tại {place}",
        "Cảnh báo thủ đoạn lừa đảo {scam}",
        "Cứu nạn thành công người dân mắc kẹt trong đám cháy ở {place}",
        "{unit} bắt nhóm đối tượng đánh bạc",
    ],
    "Xây dựng lực lượng": [
        "{unit} tổ chức hội thi điều lệnh, võ thuật",
        "Gương sáng cán bộ {unit} tận tụy vì bình yên {place}",
        "{unit} đón nhận Huân chương Bảo vệ Tổ quốc",
        "Tổng kết phong trào thi đua Vì an ninh Tổ quốc {period}",
        "Tiếp nhận công dân thực hiện nghĩa vụ tham gia Công an nhân dân tại {place}",
    ],
    "Pháp luật": [
        "Xét xử lưu động vụ án {crime} tại {place}",
        "Tuyên án đối tượng phạm tội {crime}",
        "Hỏi đáp: quy định mới về {law}",
        "Khởi tố vụ án {crime} xảy ra tại {place}",
        "Những điểm mới của {law} người dân cần biết",
    ],
    "Gia đình - Xã hội": [
        "{unit} trao nhà Mái ấm Công an cho hộ nghèo tại {place}",
        "Cấp căn cước lưu động cho người dân {place}",
        "Kỹ năng thoát nạn khi xảy ra {danger}",
        "Tuổi trẻ {unit} hiến máu tình nguyện",
        "Trao quà Tết cho gia đình chính sách ở {place}",
    ],
    "Quốc tế": [
        "Hợp tác phòng chống tội phạm xuyên quốc gia với lực lượng Công an Lào",
        "Interpol truy nã đối tượng {crime}",
        "Trao đổi kinh nghiệm phòng chống {drug} với đoàn công tác nước bạn",
    ],
}
SLOTS = {
    "topic": ["bảo đảm an ninh trật tự", "phòng chống tội phạm", "xây dựng lực lượng", "cải cách hành chính",
              "chuyển đổi số", "phòng cháy chữa cháy", "bảo đảm trật tự an toàn giao thông"],
    "period": ["6 tháng đầu năm", "quý III", "năm", "dịp Tết Nguyên đán", "giai đoạn 2021 - 2025"],
    "event": ["dịp lễ hội Đền Cuông", "Lễ hội Làng Sen", "kỳ thi tốt nghiệp THPT", "mùa du lịch biển",
              "Tết Nguyên đán"],
    "drug": ["heroin", "ma túy tổng hợp", "ma túy đá", "thuốc lắc", "cần sa"],
    "scam": ["giả danh công an gọi điện", "qua mạng xã hội", "việc làm online", "đầu tư tiền ảo", "mạo danh ngân hàng"],
    "number": ["12", "25", "37", "48", "105", "230"],
    "crime": ["cố ý gây thương tích", "lừa đảo chiếm đoạt tài sản", "mua bán trái phép chất ma túy", "trộm cắp tài sản",
              "tổ chức đánh bạc", "vi phạm quy định về tham gia giao thông đường bộ", "buôn lậu"],
    "law": ["Luật Căn cước", "Luật Trật tự, an toàn giao thông đường bộ", "Luật Phòng cháy, chữa cháy",
            "xử phạt vi phạm hành chính", "đăng ký, quản lý cư trú"],
    "danger": ["cháy nhà cao tầng", "lũ quét", "đuối nước", "cháy chung cư mini", "tai nạn giao thông"],
}  # fmt: skip

# Sentences of the paper's own voice; {unit}, {place}, {venue} and the slots above are filled in.
SENTENCES = [
    "Tham dự hội nghị có đại diện lãnh đạo {unit} cùng các phòng nghiệp vụ, Công an các địa phương.",
    "Qua công tác nắm tình hình, lực lượng chức năng phát hiện nhóm đối tượng thường xuyên tụ tập tại {place}.",
    "Trong đợt cao điểm, {unit} đã phát hiện, xử lý {number} vụ việc vi phạm pháp luật.",
    "Lực lượng Cảnh sát giao thông tăng cường tuần tra, kiểm soát trên {venue}, xử lý nghiêm các trường hợp vi phạm.",
    "Vụ án đang được {unit} tiếp tục điều tra, mở rộng, xử lý theo quy định của pháp luật.",
    "Phát biểu chỉ đạo, đồng chí lãnh đạo yêu cầu các đơn vị tiếp tục nâng cao hiệu quả công tác {topic}.",
    "Các đối tượng khai nhận đã mua {drug} từ khu vực biên giới về bán lại cho các con nghiện trên địa bàn {place}.",
    "Nhân dịp này, {unit} đã trao tặng giấy khen cho các tập thể, cá nhân có thành tích xuất sắc.",
    "Công an khuyến cáo người dân nâng cao cảnh giác trước thủ đoạn lừa đảo {scam}.",
    "Ngay khi nhận tin báo, {unit} đã huy động lực lượng, phương tiện có mặt tại hiện trường.",
    "Hội nghị đã đánh giá kết quả thực hiện nhiệm vụ {period} và đề ra phương hướng thời gian tới.",
    "Theo kế hoạch, lực lượng chức năng sẽ tổ chức tuyên truyền về {law} đến từng thôn, xóm tại {place}.",
    "Người dân có thể liên hệ đường dây nóng của {unit} để cung cấp thông tin về tội phạm.",
    "Tại phiên tòa, Hội đồng xét xử tuyên phạt bị cáo mức án tương xứng với hành vi phạm tội {crime}.",
    "Tổ công tác đã kịp thời cứu nạn, đưa người bị nạn ra ngoài an toàn, không có thiệt hại về người.",
    "Đây là hoạt động thiết thực nhằm tăng cường mối quan hệ gắn bó giữa lực lượng Công an với nhân dân {place}.",
    "Chiều cùng ngày, đoàn công tác đã kiểm tra thực tế tại {venue}.",
]
# In about one article in RARE_ODDS: the benchmark's "rare word" search.
RARE_SENTENCE = "Lực lượng kiểm lâm và Công an phối hợp tuần tra bảo vệ rừng tại Vườn quốc gia Pù Mát."
RARE_ODDS = 20_000

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ])")


def demo_sentences():
    """Whole sentences of the sample articles' bodies (no date lines, titles, captions or signatures)."""
    sentences = []
    for path in sorted(DEMO_DIR.glob("*.txt")):
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")]
        for paragraph in paragraphs[3:]:
            if len(paragraph) < 80 or "\n" in paragraph:
                continue  # captions (printed twice), signatures
            sentences.extend(s for s in _SENTENCE_END.split(paragraph) if len(s) > 30)
    return sentences


def fill(pattern, rng, unit, place):
    values = {name: rng.choice(options) for name, options in SLOTS.items() if "{" + name + "}" in pattern}
    return pattern.format(unit=unit, place=place, venue=rng.choice(VENUES), **values)


def title(rng, section, unit, place):
    return fill(rng.choice(TITLES[section]), rng, unit, place)


def lead(rng, local_time, unit, place):
    when = f"{rng.choice(TIMES_OF_DAY)} {local_time.day}/{local_time.month}"
    sentence = fill(rng.choice(SENTENCES), rng, unit, place)
    return f"{when}, tại {rng.choice(VENUES)}, {sentence[0].lower()}{sentence[1:]}"


def body(rng, pool, unit, place):
    """5 to 15 paragraphs of one to three sentences; now and then a sub-heading or a quotation.

    Returns the HTML and its text pieces in order (each sentence, or a heading), so the loader
    can build the search key from remembered pieces. Text is HTML-escaped: clean markup.
    """
    paragraphs, pieces = [], []
    for _ in range(rng.randint(5, 15)):
        sentences = [
            fill(rng.choice(SENTENCES), rng, unit, place) if rng.random() < 0.5 else rng.choice(pool)
            for _ in range(rng.randint(1, 3))
        ]
        kind = rng.random()
        if kind < 0.05:
            sentences = [sentences[0].rstrip(".")]
            paragraphs.append(f"<h3>{escape(sentences[0], quote=False)}</h3>")
        else:
            html = f"<p>{' '.join(escape(s, quote=False) for s in sentences)}</p>"
            paragraphs.append(f"<blockquote>{html}</blockquote>" if kind < 0.08 else html)
        pieces.append(sentences)
    if rng.randrange(RARE_ODDS) == 0:
        paragraphs.insert(1, f"<p>{RARE_SENTENCE}</p>")
        pieces.insert(1, [RARE_SENTENCE])
    return "\n".join(paragraphs), [sentence for paragraph in pieces for sentence in paragraph]


def pen_names(count):
    """`count` distinct pen names as the paper prints them: "Minh Đức", "Đ. Thắng", "Nguyễn Hoàng Anh"."""
    names, seen = [], set()
    for given in GIVEN:
        for middle in MIDDLE:
            for surname in SURNAMES:
                for form in (f"{middle} {given}", f"{surname[0]}. {given}", f"{surname} {middle} {given}"):
                    if form not in seen:
                        seen.add(form)
                        names.append((form, f"{surname} {middle} {given}"))
    # Interleave forms so every kind of byline is present among the first `count`.
    return names[::7][:count]
