"""Word lists and text pools for the synthetic-data generator (`generate.py`).

Everything here is plain data: Vietnamese names, places, units and the sentences plans,
decisions and stories are assembled from. Texts use `str.format` placeholders:

    {pt}    the campaign's name in quotes, e.g. “Vì người nghèo - Không để ai bị bỏ lại phía sau”
    {gd}    the period, e.g. "giai đoạn 2021 - 2025"
    {db}    the area, e.g. "trên địa bàn tỉnh Đắk Lắk", "trong toàn ngành Y tế"
    {cq}    the issuing authority as the text names itself, e.g. "Ủy ban nhân dân tỉnh"
    {tinh}  the province, e.g. "tỉnh Đắk Lắk";  {xa} the commune, e.g. "xã Ea Kar"
    {nganh} the sector of a department, e.g. "ngành Y tế"

All strings are normalised to NFC when this module is imported.
"""
from __future__ import annotations

import unicodedata

# --- Provinces: the 34 provincial units from 1 July 2025, with the provinces merged into them.
# (slug, name, "tinh" or "tp", region, mountainous, communes after 2025, [(slug, name)] absorbed)
# region: bac (north), trung (centre), tn (central highlands), nam (south)

PROVINCES = [
    ("ha-noi", "Hà Nội", "tp", "bac", False, 126, []),
    ("hue", "Huế", "tp", "trung", False, 40, []),
    ("lai-chau", "Lai Châu", "tinh", "bac", True, 38, []),
    ("dien-bien", "Điện Biên", "tinh", "bac", True, 45, []),
    ("son-la", "Sơn La", "tinh", "bac", True, 75, []),
    ("lang-son", "Lạng Sơn", "tinh", "bac", True, 65, []),
    ("quang-ninh", "Quảng Ninh", "tinh", "bac", False, 54, []),
    ("thanh-hoa", "Thanh Hóa", "tinh", "trung", False, 166, []),
    ("nghe-an", "Nghệ An", "tinh", "trung", False, 130, []),
    ("ha-tinh", "Hà Tĩnh", "tinh", "trung", False, 69, []),
    ("cao-bang", "Cao Bằng", "tinh", "bac", True, 56, []),
    ("tuyen-quang", "Tuyên Quang", "tinh", "bac", True, 124, [("ha-giang", "Hà Giang")]),
    ("lao-cai", "Lào Cai", "tinh", "bac", True, 99, [("yen-bai", "Yên Bái")]),
    ("thai-nguyen", "Thái Nguyên", "tinh", "bac", True, 92, [("bac-kan", "Bắc Kạn")]),
    ("phu-tho", "Phú Thọ", "tinh", "bac", False, 148, [("vinh-phuc", "Vĩnh Phúc"), ("hoa-binh", "Hòa Bình")]),
    ("bac-ninh", "Bắc Ninh", "tinh", "bac", False, 99, [("bac-giang", "Bắc Giang")]),
    ("hung-yen", "Hưng Yên", "tinh", "bac", False, 104, [("thai-binh", "Thái Bình")]),
    ("hai-phong", "Hải Phòng", "tp", "bac", False, 114, [("hai-duong", "Hải Dương")]),
    ("ninh-binh", "Ninh Bình", "tinh", "bac", False, 129, [("ha-nam", "Hà Nam"), ("nam-dinh", "Nam Định")]),
    ("quang-tri", "Quảng Trị", "tinh", "trung", False, 78, [("quang-binh", "Quảng Bình")]),
    ("da-nang", "Đà Nẵng", "tp", "trung", False, 94, [("quang-nam", "Quảng Nam")]),
    ("quang-ngai", "Quảng Ngãi", "tinh", "trung", False, 96, [("kon-tum", "Kon Tum")]),
    ("gia-lai", "Gia Lai", "tinh", "tn", True, 135, [("binh-dinh", "Bình Định")]),
    ("khanh-hoa", "Khánh Hòa", "tinh", "trung", False, 65, [("ninh-thuan", "Ninh Thuận")]),
    ("lam-dong", "Lâm Đồng", "tinh", "tn", True, 124, [("dak-nong", "Đắk Nông"), ("binh-thuan", "Bình Thuận")]),
    ("dak-lak", "Đắk Lắk", "tinh", "tn", True, 102, [("phu-yen", "Phú Yên")]),
    ("ho-chi-minh", "Hồ Chí Minh", "tp", "nam", False, 168,
     [("binh-duong", "Bình Dương"), ("ba-ria-vung-tau", "Bà Rịa - Vũng Tàu")]),
    ("dong-nai", "Đồng Nai", "tinh", "nam", False, 95, [("binh-phuoc", "Bình Phước")]),
    ("tay-ninh", "Tây Ninh", "tinh", "nam", False, 96, [("long-an", "Long An")]),
    ("can-tho", "Cần Thơ", "tp", "nam", False, 103, [("soc-trang", "Sóc Trăng"), ("hau-giang", "Hậu Giang")]),
    ("vinh-long", "Vĩnh Long", "tinh", "nam", False, 124, [("ben-tre", "Bến Tre"), ("tra-vinh", "Trà Vinh")]),
    ("dong-thap", "Đồng Tháp", "tinh", "nam", False, 102, [("tien-giang", "Tiền Giang")]),
    ("ca-mau", "Cà Mau", "tinh", "nam", False, 64, [("bac-lieu", "Bạc Liêu")]),
    ("an-giang", "An Giang", "tinh", "nam", False, 102, [("kien-giang", "Kiên Giang")]),
]

# Special zones (đặc khu) counted among a province's communes since 1 July 2025.
SPECIAL_ZONES = {
    "quang-ninh": ["Vân Đồn", "Cô Tô"],
    "hai-phong": ["Cát Hải", "Bạch Long Vĩ"],
    "quang-tri": ["Cồn Cỏ"],
    "quang-ngai": ["Lý Sơn"],
    "lam-dong": ["Phú Quý"],
    "an-giang": ["Phú Quốc", "Kiên Hải", "Thổ Châu"],
    "ho-chi-minh": ["Côn Đảo"],
}

# --- Provincial departments (sở, ban, ngành).
# key, name, number suffix, sector phrase, 2025 fate: None | ("merged", successor key) | ("new",)
DEPARTMENTS = [
    ("noi-vu", "Sở Nội vụ", "SNV", "ngành Nội vụ", None),
    ("tai-chinh", "Sở Tài chính", "STC", "ngành Tài chính", None),
    ("xay-dung", "Sở Xây dựng", "SXD", "ngành Xây dựng", None),
    ("gddt", "Sở Giáo dục và Đào tạo", "SGDĐT", "ngành Giáo dục và Đào tạo", None),
    ("y-te", "Sở Y tế", "SYT", "ngành Y tế", None),
    ("cong-thuong", "Sở Công Thương", "SCT", "ngành Công Thương", None),
    ("khcn", "Sở Khoa học và Công nghệ", "SKHCN", "ngành Khoa học và Công nghệ", None),
    ("vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "ngành Văn hóa, Thể thao và Du lịch", None),
    ("tu-phap", "Sở Tư pháp", "STP", "ngành Tư pháp", None),
    ("thanh-tra", "Thanh tra", "TTr", "ngành Thanh tra", None),
    ("van-phong-ubnd", "Văn phòng Ủy ban nhân dân", "VP", "cơ quan Văn phòng Ủy ban nhân dân {tinh_loai}", None),
    ("ldtbxh", "Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", "ngành Lao động - Thương binh và Xã hội",
     ("merged", "noi-vu")),
    ("gtvt", "Sở Giao thông vận tải", "SGTVT", "ngành Giao thông vận tải", ("merged", "xay-dung")),
    ("khdt", "Sở Kế hoạch và Đầu tư", "SKHĐT", "ngành Kế hoạch và Đầu tư", ("merged", "tai-chinh")),
    ("tttt", "Sở Thông tin và Truyền thông", "STTTT", "ngành Thông tin và Truyền thông", ("merged", "khcn")),
    ("tnmt", "Sở Tài nguyên và Môi trường", "STNMT", "ngành Tài nguyên và Môi trường", ("merged", "nnmt")),
    ("nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", "ngành Nông nghiệp và Phát triển nông thôn",
     ("merged", "nnmt")),
    ("ban-dan-toc", "Ban Dân tộc", "BDT", "công tác dân tộc", ("merged", "dan-toc-ton-giao")),
    ("nnmt", "Sở Nông nghiệp và Môi trường", "SNNMT", "ngành Nông nghiệp và Môi trường", ("new",)),
    ("dan-toc-ton-giao", "Sở Dân tộc và Tôn giáo", "SDTTG", "công tác dân tộc và tôn giáo", ("new",)),
]
DEPARTMENT_SHORT = {
    "gddt": "Sở GD&ĐT", "ldtbxh": "Sở LĐ-TB&XH", "gtvt": "Sở GTVT", "khdt": "Sở KH&ĐT", "tttt": "Sở TT&TT",
    "tnmt": "Sở TN&MT", "nnptnt": "Sở NN&PTNT", "nnmt": "Sở NN&MT", "khcn": "Sở KH&CN", "vhttdl": "Sở VHTTDL",
    "dan-toc-ton-giao": "Sở DT&TG", "van-phong-ubnd": "VP UBND",
}
# Which departments organise which campaign besides "Vì người nghèo" (all do that one).
DEPARTMENT_CAMPAIGNS = {
    "nong-thon-moi": {"nnptnt", "nnmt", "xay-dung", "gtvt", "tnmt", "cong-thuong", "khdt", "tai-chinh",
                      "vhttdl", "y-te", "gddt", "khcn"},
    "xoa-nha-tam": {"xay-dung", "ldtbxh", "noi-vu", "tai-chinh", "nnmt", "dan-toc-ton-giao", "ban-dan-toc",
                    "khdt"},
}
# Units inside each department (for honor-roll lines); {xa} is a commune name.
DEPARTMENT_UNITS = {
    "_": ["Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ"],
    "noi-vu": ["Ban Thi đua - Khen thưởng", "Phòng Xây dựng chính quyền", "Phòng Công chức, viên chức",
               "Phòng Lao động - Việc làm", "Phòng Bảo trợ xã hội", "Trung tâm Dịch vụ việc làm"],
    "tai-chinh": ["Phòng Quản lý ngân sách", "Phòng Tài chính hành chính sự nghiệp", "Phòng Quản lý giá, công sản"],
    "xay-dung": ["Phòng Quản lý nhà và thị trường bất động sản", "Phòng Quản lý xây dựng",
                 "Trung tâm Kiểm định chất lượng xây dựng", "Phòng Quản lý kết cấu hạ tầng giao thông"],
    "gddt": ["Phòng Giáo dục phổ thông", "Phòng Giáo dục mầm non", "Trường THPT {xa}", "Trường THCS {xa}",
             "Trường Tiểu học {xa}", "Trường Phổ thông Dân tộc nội trú {xa}", "Trường Mầm non {xa}"],
    "y-te": ["Trung tâm Y tế khu vực {xa}", "Bệnh viện Đa khoa tỉnh", "Trạm Y tế xã {xa}",
             "Trung tâm Kiểm soát bệnh tật", "Phòng Nghiệp vụ Y"],
    "cong-thuong": ["Phòng Quản lý thương mại", "Trung tâm Khuyến công và Xúc tiến thương mại",
                    "Phòng Quản lý công nghiệp"],
    "khcn": ["Phòng Quản lý khoa học", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ", "Phòng Chuyển đổi số"],
    "vhttdl": ["Phòng Quản lý văn hóa", "Thư viện tỉnh", "Trung tâm Văn hóa - Điện ảnh", "Phòng Quản lý du lịch"],
    "tu-phap": ["Phòng Phổ biến, giáo dục pháp luật", "Trung tâm Trợ giúp pháp lý nhà nước", "Phòng Hành chính tư pháp"],
    "thanh-tra": ["Phòng Thanh tra 1", "Phòng Tiếp công dân, xử lý đơn thư", "Phòng Nghiệp vụ"],
    "van-phong-ubnd": ["Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Hành chính - Tổ chức",
                       "Trung tâm Phục vụ hành chính công"],
    "ldtbxh": ["Phòng Bảo trợ xã hội", "Phòng Lao động - Việc làm", "Trung tâm Dịch vụ việc làm",
               "Cơ sở Bảo trợ xã hội tổng hợp", "Phòng Giảm nghèo"],
    "gtvt": ["Phòng Quản lý kết cấu hạ tầng giao thông", "Ban Quản lý dự án giao thông",
             "Phòng Quản lý vận tải, phương tiện và người lái"],
    "khdt": ["Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh", "Phòng Kinh tế ngành"],
    "tttt": ["Phòng Thông tin - Báo chí - Xuất bản", "Trung tâm Công nghệ thông tin và Truyền thông",
             "Phòng Bưu chính, Viễn thông"],
    "tnmt": ["Văn phòng Đăng ký đất đai", "Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường"],
    "nnptnt": ["Chi cục Phát triển nông thôn", "Chi cục Kiểm lâm", "Trung tâm Khuyến nông",
               "Chi cục Trồng trọt và Bảo vệ thực vật", "Văn phòng Điều phối nông thôn mới"],
    "ban-dan-toc": ["Phòng Chính sách dân tộc", "Phòng Tuyên truyền, địa bàn"],
    "nnmt": ["Chi cục Phát triển nông thôn", "Trung tâm Khuyến nông", "Văn phòng Điều phối nông thôn mới",
             "Chi cục Kiểm lâm", "Văn phòng Đăng ký đất đai", "Chi cục Thủy lợi"],
    "dan-toc-ton-giao": ["Phòng Chính sách dân tộc", "Phòng Quản lý tôn giáo", "Phòng Tuyên truyền, địa bàn"],
}
STAFF_TITLES = ["Chuyên viên", "Chuyên viên", "Chuyên viên", "Phó Trưởng phòng", "Trưởng phòng", "Kế toán",
                "Viên chức", "Cán sự"]
SCHOOL_TITLES = ["Giáo viên", "Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Tổng phụ trách Đội"]
HEALTH_TITLES = ["Bác sĩ", "Điều dưỡng", "Y sĩ", "Trưởng trạm", "Dược sĩ"]

# --- People

SURNAMES = [  # (surname, weight) — roughly the national distribution
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Hoàng", 30), ("Huỳnh", 20), ("Phan", 45),
    ("Vũ", 25), ("Võ", 20), ("Đặng", 20), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Đinh", 7), ("Trịnh", 5), ("Đoàn", 5), ("Lương", 4), ("Mai", 4), ("Hà", 4), ("Cao", 3),
    ("Lâm", 3), ("Tạ", 2), ("Tô", 2), ("Châu", 2), ("Thái", 2), ("Kiều", 1), ("Triệu", 2),
]
SURNAMES_NORTH_MOUNTAIN = [("Nông", 20), ("Hoàng", 25), ("Lục", 6), ("Triệu", 10), ("Lò", 8), ("Lường", 6),
                           ("Hà", 8), ("Vi", 5), ("Giàng", 8), ("Sùng", 6), ("Thào", 6), ("Vàng", 6), ("Đinh", 4),
                           ("Bế", 5), ("Lưu", 4), ("Ma", 4), ("Sầm", 3), ("Lầu", 3), ("Mùa", 3)]
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Ngọc", "Tiến",
               "Trọng", "Đình", "Quốc", "Anh", "Mạnh", "Bá", "Duy", "Huy", "Thành", "Trung", "Viết", "Khắc"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Thúy", "Minh", "Hồng", "Kim", "Phương",
                 "Mỹ", "Bích", "Diệu", "Hoài", "Khánh", "Lan", "Thùy", "Quỳnh"]
GIVEN_MALE = ["Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Long", "Nam", "Quân", "Cường", "Thắng", "Hòa", "Bình",
              "Sơn", "Tùng", "Phúc", "Thành", "Trung", "Hiếu", "Khoa", "Đạt", "Lộc", "Tài", "Hưng", "Vinh",
              "Kiên", "Toàn", "Huy", "Thịnh", "Quyết", "Định", "Chiến", "Lợi", "Tâm", "Phong", "Hậu", "Nghĩa",
              "Tú", "Khánh", "Lâm", "Hiệp", "Thuận", "Tiến", "Bảo", "Đông", "Giang", "Hoan", "Lực", "Sáng",
              "Thái", "Trường", "Việt", "Vũ", "Xuân", "An", "Công", "Đức", "Phương", "Quang", "Thanh", "Tín"]
GIVEN_FEMALE = ["Lan", "Hương", "Thúy", "Hoa", "Hằng", "Mai", "Linh", "Nga", "Hạnh", "Huyền", "Trang", "Thảo",
                "Ngọc", "Yến", "Dung", "Loan", "Nhung", "Phượng", "Vân", "Hà", "Oanh", "Liên", "Thu", "Hiền",
                "Nhàn", "Xuân", "Chi", "Ly", "Tuyết", "Hòa", "Quyên", "Nhi", "Giang", "My", "Duyên", "Thơm",
                "Lụa", "Hồng", "Tâm", "Thủy", "Anh", "Bích", "Diệp", "Hạnh", "Lệ", "Mận", "Nguyệt", "Sen",
                "Tình", "Uyên", "Vy", "Yên", "Hoài", "Khuyên", "Hiên"]
# Ê Đê / Jrai names for the Central Highlands: "Y Bih Niê", "H'Hen Mlô", "Ksor Tin", "Siu H'Nhiơ"
EDE_CLANS = ["Niê", "Mlô", "Êban", "Ayun", "Byă", "Knul", "Adrơng", "Êñuôl", "Kbuôr", "Hwing"]
EDE_GIVEN_MALE = ["Bih", "Khu", "Ngông", "Thông", "Jut", "Wah", "Dhăm", "Nguôn", "Blin", "Krơ", "Sum", "Phăng",
                  "Yơn", "Hiăng", "Kuăn", "Tuấn", "Hội"]
EDE_GIVEN_FEMALE = ["Hen", "Nhi", "Yâo", "Duin", "Ly", "Mai", "Zin", "Lê", "Bla", "Nhung", "Drin", "Năng", "Jen"]
JRAI_CLANS = ["Ksor", "Rơ Mah", "Siu", "Rah Lan", "Nay", "Kpă", "Rơ Châm", "Puih", "Đinh"]
JRAI_GIVEN = ["Tin", "Hlơi", "Thu", "Blơi", "Pang", "Dun", "Huyên", "Tơ", "Lung", "H'Nhiơ", "H'Bla", "H'Yuân",
              "H'Luih", "Hyưk", "Kông", "Jơng"]

# --- Places

COMMUNE_A = ["Tân", "Phú", "Hòa", "An", "Bình", "Minh", "Thành", "Long", "Hưng", "Đông", "Tây", "Nam", "Bắc",
             "Quảng", "Thạch", "Vĩnh", "Phước", "Thanh", "Xuân", "Hồng", "Kim", "Ngọc", "Trung", "Yên", "Đại",
             "Cẩm", "Hương", "Thuận", "Lạc", "Mỹ", "Tiên", "Châu", "Hải", "Sơn", "Lâm", "Đức", "Hiệp", "Nghĩa",
             "Tam", "Lương", "Gia", "Hoằng", "Diễn", "Quỳnh", "Nghi", "Cam", "Triệu", "Hải", "Điện", "Duy"]
COMMUNE_B = ["Phú", "Hòa", "An", "Bình", "Lợi", "Thịnh", "Lộc", "Tiến", "Thành", "Hưng", "Lạc", "Sơn", "Hải",
             "Thủy", "Phong", "Mỹ", "Trung", "Tân", "Đông", "Tây", "Long", "Khánh", "Ninh", "Xuân", "Quang",
             "Hiệp", "Thuận", "Phước", "Yên", "Vinh", "Thắng", "Lâm", "Đức", "Tường", "Định", "Hội", "Giang",
             "Điền", "Cường", "Hà", "Kỳ", "Nguyên", "Thọ", "Trạch", "Văn", "Vĩnh", "Châu", "Hồng", "Lập"]
COMMUNE_NORTH_MOUNTAIN_A = ["Nà", "Bản", "Pác", "Khuổi", "Cốc", "Pò", "Lũng", "Phja", "Thôm", "Nặm", "Mường",
                            "Tà", "Sín", "Nậm", "Chiềng", "Bó", "Thông", "Quang"]
COMMUNE_NORTH_MOUNTAIN_B = ["Giàng", "Lừa", "Mò", "Sang", "Dầu", "Bó", "Rằng", "Chang", "Pẻn", "Thin", "Khoen",
                            "Lìn", "Phìn", "Hồ", "Ngàm", "Lay", "Tè", "Cang", "Mơ", "Sại", "Pàn", "Dìn"]
COMMUNE_TN_A = ["Ea", "Ia", "Đắk", "Krông", "Cư", "Chư", "Buôn", "Kon", "Đăk"]
COMMUNE_TN_B = ["Kar", "Tul", "Sin", "Drăng", "Pal", "Rê", "Mơr", "Bông", "Hiao", "Păl", "Pơng", "Ró", "Nông",
                "Mil", "Song", "Glong", "Ring", "Tơ", "H'leo", "Súp", "Knốp", "Kly", "Pưh", "Sê", "Hdreh", "Wy",
                "Ktur", "Yang", "Đrông", "Lang"]
VILLAGE_NAMES = ["Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "Đông Hòa", "Tân Lập", "Phú Thọ",
                 "Hòa Bình", "Tân Tiến", "Thắng Lợi", "Quyết Tiến", "Đồng Tâm", "Liên Kết", "Tiền Phong",
                 "Hợp Nhất", "Bình Minh", "Phú Lợi", "An Phú", "Tân Hưng", "Vĩnh An", "Thống Nhất",
                 "Hưng Thịnh", "Đoàn Kết", "Tân Thành", "Minh Tân", "Lộc Điền", "Phước Hải"]
VILLAGE_NORTH_MOUNTAIN = ["Nà Pò", "Khuổi Nặm", "Pác Bó", "Lũng Cú", "Nà Mạ", "Cốc Phường", "Phja Đén",
                          "Nặm Tà", "Pác Ngòi", "Nà Hản", "Khuổi Ky", "Lũng Pù", "Bó Luông", "Nà Sàng"]
VILLAGE_TN = ["Ea Nao", "Ko Êmông", "Tring", "Ky", "Kdun", "Plei Ngol", "Plei Chuet", "Ale", "Ea Kmăt", "Jun",
              "Đôn", "H'Drát", "Kroa", "Dơng Bắk"]
VILLAGE_SOUTH = ["Tân Hòa", "Bình Thạnh", "Mỹ Lợi", "Phú Hữu", "Long Thạnh", "Tân Quới", "An Thạnh",
                 "Vĩnh Hòa", "Thạnh Phú", "Hòa Lợi", "Phước Thạnh", "Xẻo Rô", "Kênh Xáng", "Cái Tắc",
                 "Rạch Gốc", "Bàu Sen", "Giồng Trôm", "Cù Lao"]

ENTERPRISE_TYPES = ["Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty Cổ phần", "Doanh nghiệp tư nhân"]
ENTERPRISE_TRADES = ["Thương mại", "Xây dựng", "Thương mại và Dịch vụ", "Nông sản", "Chế biến nông sản",
                     "Đầu tư và Phát triển", "Vật liệu xây dựng", "Thực phẩm", "Dược phẩm", "Thủy sản",
                     "Cà phê", "May mặc", "Vận tải", "Điện nước", "Xuất nhập khẩu"]
ENTERPRISE_NAMES = ["Minh Phát", "Hoàng Long", "Thành Công", "Phú Gia", "An Khang", "Tân Tiến", "Đại Việt",
                    "Hưng Thịnh", "Sao Mai", "Bình Minh", "Kim Ngân", "Trường An", "Phúc Lộc", "Hoa Sen",
                    "Việt Úc", "Đông Á", "Nam Việt", "Thiên Phú", "Hòa Phát", "Ngọc Lan", "Quang Minh",
                    "Tiến Đạt", "Thịnh Vượng", "Mê Kông", "Trường Sơn"]
COOPERATIVE_TRADES = ["Nông nghiệp", "Dịch vụ nông nghiệp", "Chăn nuôi", "Rau an toàn", "Dược liệu",
                      "Nuôi trồng thủy sản", "Trồng cây ăn quả", "Chè", "Mây tre đan", "Dệt thổ cẩm"]

# Collective recipients at commune level; {xa} commune, {thon} village.
COMMUNE_COLLECTIVES = [
    "Hội Nông dân {xa}", "Hội Liên hiệp Phụ nữ {xa}", "Hội Cựu chiến binh {xa}",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh {xa}", "Ủy ban Mặt trận Tổ quốc Việt Nam {xa}",
    "Hội Chữ thập đỏ {xa}", "Trạm Y tế {xa}", "Trường Tiểu học {xa}", "Trường THCS {xa}",
    "Trường Mầm non {xa}", "Phòng Văn hóa - Xã hội {xa}", "Phòng Kinh tế {xa}", "Văn phòng HĐND và UBND {xa}",
    "Ban Công tác Mặt trận {thon}", "Chi hội Phụ nữ {thon}", "Chi hội Nông dân {thon}",
    "Chi đoàn Thanh niên {thon}", "Chi bộ {thon}", "Tổ Tiết kiệm và vay vốn {thon}", "Công an {xa}",
    "Ban Chỉ huy Quân sự {xa}", "Hội Người cao tuổi {xa}",
]
COMMUNE_POSITIONS = [
    ("Chủ tịch Hội Nông dân", None), ("Chủ tịch Hội Liên hiệp Phụ nữ", None), ("Chủ tịch Hội Cựu chiến binh", None),
    ("Bí thư Đoàn Thanh niên", None), ("Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam", None),
    ("Phó Chủ tịch Ủy ban nhân dân", None), ("Công chức Văn hóa - Xã hội", None), ("Công chức Văn phòng - Thống kê", None),
    ("Trưởng thôn", "thon"), ("Bí thư Chi bộ", "thon"), ("Chi hội trưởng Phụ nữ", "thon"),
    ("Trưởng ban Công tác Mặt trận", "thon"), ("Giáo viên Trường Tiểu học", None), ("Trưởng Trạm Y tế", None),
    ("Cán bộ Hội Chữ thập đỏ", None), ("Người có uy tín", "thon"), ("Tổ trưởng Tổ Tiết kiệm và vay vốn", "thon"),
]

# --- Campaigns generated alongside the real "Vì người nghèo" campaign.
# key -> (id, name, period, description, launch document)
CAMPAIGNS = {
    "vi-nguoi-ngheo": {
        "id": "vi-nguoi-ngheo-2021-2025",
        "name": "Vì người nghèo - Không để ai bị bỏ lại phía sau",
        "period": (2021, 2025),
        "launch": "qd-666-qd-ttg-2022",
        "short": "giảm nghèo",
        "tags": ["giảm nghèo", "vì người nghèo"],
    },
    "nong-thon-moi": {
        "id": "nong-thon-moi-2021-2025",
        "name": "Chung tay xây dựng nông thôn mới",
        "period": (2021, 2025),
        "description": "Phong trào thi đua huy động cả hệ thống chính trị, doanh nghiệp và Nhân dân chung tay "
                       "xây dựng nông thôn mới, nông thôn mới nâng cao và kiểu mẫu giai đoạn 2021 - 2025, gắn với "
                       "phát triển kinh tế nông thôn, Chương trình mỗi xã một sản phẩm (OCOP) và nâng cao đời "
                       "sống vật chất, tinh thần của người dân nông thôn. (Dữ liệu mẫu để thử nghiệm.)",
        "launch": {
            "id": "qd-318-qd-ttg-2022-mau",
            "type": "quyet-dinh",
            "number": "318/QĐ-TTg",
            "date": "2022-03-08",
            "authority": "thu-tuong-chinh-phu",
            "title": "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Chung tay xây dựng nông thôn mới” "
                     "giai đoạn 2021 - 2025",
        },
        "short": "xây dựng nông thôn mới",
        "tags": ["nông thôn mới", "OCOP"],
    },
    "xoa-nha-tam": {
        "id": "xoa-nha-tam-2024-2025",
        "name": "Chung tay xóa nhà tạm, nhà dột nát trên phạm vi cả nước",
        "period": (2024, 2025),
        "description": "Phong trào thi đua huy động các nguồn lực xã hội hỗ trợ xây mới, sửa chữa nhà ở cho hộ "
                       "nghèo, hộ cận nghèo, gia đình có công với cách mạng, hoàn thành xóa nhà tạm, nhà dột nát "
                       "trên phạm vi cả nước trong năm 2025. (Dữ liệu mẫu để thử nghiệm.)",
        "launch": {
            "id": "qd-1117-qd-ttg-2024-mau",
            "type": "quyet-dinh",
            "number": "1117/QĐ-TTg",
            "date": "2024-10-05",
            "authority": "thu-tuong-chinh-phu",
            "title": "Phát động Phong trào thi đua “Chung tay xóa nhà tạm, nhà dột nát trên phạm vi cả nước” "
                     "trong năm 2025",
        },
        "short": "xóa nhà tạm, nhà dột nát",
        "tags": ["xóa nhà tạm", "nhà ở", "an sinh xã hội"],
    },
}

# --- Plan texts, per campaign. Each pool is sampled without replacement.

PURPOSES = {
    "_": [
        "Phát huy tinh thần đoàn kết, sức mạnh của cả hệ thống chính trị và toàn xã hội, tạo khí thế thi đua sôi nổi {db}, góp phần thực hiện thắng lợi các mục tiêu của Phong trào thi đua {pt}.",
        "Tạo sự chuyển biến mạnh mẽ về nhận thức và hành động, ý thức, trách nhiệm của cán bộ, đảng viên, công chức, viên chức, người lao động và các tầng lớp Nhân dân đối với Phong trào thi đua.",
        "Kịp thời phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến, mô hình hay, cách làm sáng tạo; biểu dương, khen thưởng các tập thể, cá nhân, hộ gia đình có thành tích xuất sắc trong Phong trào thi đua.",
        "Cụ thể hóa các nội dung Phong trào thi đua {pt} {gd} phù hợp với điều kiện thực tế {db}.",
    ],
    "vi-nguoi-ngheo": [
        "Khơi dậy ý chí tự lực, tự cường, phát huy nội lực vươn lên “Thoát nghèo, xây dựng cuộc sống ấm no” của người dân và cộng đồng.",
        "Tổ chức Phong trào thi đua thiết thực, hiệu quả, thực hiện mục tiêu giảm nghèo đa chiều, bao trùm, bền vững, hạn chế tái nghèo và phát sinh nghèo; hỗ trợ người nghèo, hộ nghèo vượt lên mức sống tối thiểu, tiếp cận các dịch vụ xã hội cơ bản.",
        "Huy động nguồn lực toàn xã hội thực hiện mục tiêu giảm nghèo bền vững; xác định công tác giảm nghèo là nhiệm vụ chính trị trọng tâm, thường xuyên, lâu dài.",
    ],
    "nong-thon-moi": [
        "Huy động sức mạnh tổng hợp của cả hệ thống chính trị và Nhân dân chung tay xây dựng nông thôn mới, nông thôn mới nâng cao, nông thôn mới kiểu mẫu.",
        "Nâng cao đời sống vật chất, tinh thần của người dân nông thôn; phát triển kinh tế nông thôn gắn với Chương trình mỗi xã một sản phẩm (OCOP).",
        "Khẳng định vai trò chủ thể của người dân trong xây dựng nông thôn mới; phát huy dân chủ, đồng thuận xã hội ở cơ sở.",
    ],
    "xoa-nha-tam": [
        "Huy động mọi nguồn lực xã hội hỗ trợ xây mới, sửa chữa nhà ở cho hộ nghèo, hộ cận nghèo, gia đình có công với cách mạng, hoàn thành xóa nhà tạm, nhà dột nát {db} trong năm 2025.",
        "Phát huy truyền thống “Lá lành đùm lá rách”, “Tương thân tương ái”, bảo đảm không để ai bị bỏ lại phía sau trong tiếp cận nhà ở an toàn.",
        "Bảo đảm hỗ trợ đúng đối tượng, công khai, minh bạch, không để xảy ra thất thoát, lãng phí, tiêu cực.",
    ],
}
REQUIREMENTS = [
    "Việc tổ chức Phong trào thi đua phải thiết thực, hiệu quả, phù hợp với điều kiện thực tế {db}; tránh hình thức, phô trương, lãng phí.",
    "Phong trào thi đua phải trở thành nhiệm vụ trọng tâm, thường xuyên trong các phong trào thi đua của các cơ quan, đơn vị {gd}.",
    "Gắn Phong trào thi đua với việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và các phong trào thi đua yêu nước khác.",
    "Việc bình xét, khen thưởng phải bảo đảm chính xác, công khai, minh bạch, công bằng, kịp thời; chú trọng khen thưởng tập thể nhỏ, cá nhân trực tiếp lao động, sản xuất.",
    "Định kỳ kiểm tra, đôn đốc, sơ kết, tổng kết, rút kinh nghiệm việc tổ chức thực hiện Phong trào thi đua.",
]
CONTENTS = {
    "vi-nguoi-ngheo": {
        "province": [
            ("Các sở, ban, ngành, Ủy ban Mặt trận Tổ quốc Việt Nam {tinh} và các tổ chức chính trị - xã hội", "department",
             "Căn cứ chức năng, nhiệm vụ triển khai kịp thời, hiệu quả các chính sách giảm nghèo; tăng cường tín dụng chính sách xã hội cho người nghèo; vận động doanh nghiệp, hợp tác xã liên kết sản xuất, tiêu thụ sản phẩm có sự tham gia của hộ nghèo, hộ cận nghèo."),
            ("Ủy ban nhân dân {cap_duoi}", "commune",
             "Thi đua đề ra nội dung, giải pháp giảm nghèo đặc thù của địa phương; bố trí, huy động đa dạng các nguồn lực cho địa bàn khó khăn; xây dựng, nhân rộng các mô hình tốt, sáng kiến hay, dự án hiệu quả về giảm nghèo bền vững."),
            ("Các thôn, bản, khu phố và cộng đồng dân cư", "village",
             "Thi đua đoàn kết giúp nhau giảm nghèo, hỗ trợ người nghèo tham gia lao động, phát triển sản xuất, làm kinh tế giỏi, ổn định cuộc sống."),
            ("Các doanh nghiệp, hợp tác xã", "enterprise",
             "Tham gia đóng góp công sức, trí tuệ, của cải vật chất hỗ trợ người nghèo; tạo việc làm, liên kết sản xuất và bao tiêu sản phẩm cho hộ nghèo, hộ cận nghèo."),
            ("Các hộ gia đình", "household",
             "Thi đua tham gia lao động, phát triển sản xuất, làm kinh tế, thoát nghèo bền vững và giúp đỡ các hộ gia đình khác cùng thoát nghèo, xây dựng cuộc sống ấm no."),
        ],
        "department": [
            (None, None, "Tuyên truyền, vận động công chức, viên chức, người lao động trong {nganh} tích cực tham gia công tác giảm nghèo bền vững, ủng hộ Quỹ “Vì người nghèo” nhân Tháng cao điểm “Vì người nghèo” hằng năm."),
            (None, None, "Thi đua hoàn thành xuất sắc nhiệm vụ được giao; chủ động tham mưu, đề xuất cơ chế, chính sách thuộc lĩnh vực quản lý góp phần thực hiện mục tiêu giảm nghèo {db}."),
            (None, None, "Phân công cán bộ, đảng viên giúp đỡ các hộ nghèo, thôn, bản đặc biệt khó khăn; tổ chức các hoạt động kết nghĩa, hỗ trợ sinh kế cho người nghèo."),
            (None, None, "Phát hiện, bồi dưỡng, nhân rộng các mô hình, cách làm hay trong {nganh} về hỗ trợ người nghèo, hộ cận nghèo, hộ mới thoát nghèo."),
        ],
        "commune": [
            (None, None, "Các ban, ngành, đoàn thể {xa} căn cứ chức năng, nhiệm vụ triển khai kịp thời các chính sách hỗ trợ người nghèo; rà soát, đưa người nghèo không có khả năng thoát nghèo vào nhóm đối tượng bảo trợ xã hội."),
            (None, None, "Các thôn, xóm, cộng đồng dân cư thi đua đoàn kết giúp nhau giảm nghèo, hỗ trợ người nghèo tham gia lao động, phát triển sản xuất; vận động các hộ khá giúp đỡ hộ nghèo."),
            (None, None, "Đẩy mạnh tuyên truyền, vận động Nhân dân tham gia công tác giảm nghèo bền vững và an sinh xã hội; xây dựng và sử dụng hiệu quả Quỹ “Vì người nghèo” của xã."),
            (None, None, "Các hộ gia đình thi đua tham gia lao động, phát triển sản xuất, tự nguyện đăng ký thoát nghèo, sử dụng vốn vay Ngân hàng Chính sách xã hội đúng mục đích, hiệu quả."),
            (None, None, "Khuyến khích doanh nghiệp, hợp tác xã trên địa bàn giải quyết việc làm, liên kết sản xuất, tiêu thụ sản phẩm có sự tham gia của hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo."),
        ],
    },
    "nong-thon-moi": {
        "province": [
            ("Các sở, ban, ngành tỉnh", "department",
             "Căn cứ chức năng, nhiệm vụ hướng dẫn, hỗ trợ các xã thực hiện các tiêu chí nông thôn mới thuộc lĩnh vực phụ trách; lồng ghép các chương trình, dự án đầu tư cho khu vực nông thôn."),
            ("Ủy ban nhân dân {cap_xa}", "commune",
             "Thi đua hoàn thành các tiêu chí xã nông thôn mới, nông thôn mới nâng cao, kiểu mẫu; phát triển sản phẩm OCOP, cải thiện cảnh quan, môi trường nông thôn sáng - xanh - sạch - đẹp."),
            ("Các thôn, bản, ấp", "village",
             "Thi đua xây dựng thôn, bản nông thôn mới kiểu mẫu; chỉnh trang nhà ở, vườn hộ; giữ gìn an ninh, trật tự và bản sắc văn hóa."),
            ("Các doanh nghiệp, hợp tác xã", "enterprise",
             "Đầu tư vào nông nghiệp, nông thôn; liên kết sản xuất theo chuỗi giá trị; hỗ trợ xây dựng các công trình hạ tầng nông thôn."),
        ],
        "department": [
            (None, None, "Hướng dẫn, hỗ trợ các xã thực hiện các tiêu chí nông thôn mới thuộc lĩnh vực {nganh} quản lý; kịp thời tháo gỡ khó khăn, vướng mắc."),
            (None, None, "Vận động công chức, viên chức, người lao động đóng góp ngày công, kinh phí hỗ trợ các xã khó khăn xây dựng nông thôn mới."),
            (None, None, "Thi đua đẩy nhanh tiến độ các công trình, dự án đầu tư tại khu vực nông thôn do {nganh} quản lý."),
        ],
        "commune": [
            (None, None, "Thi đua hoàn thành và nâng cao chất lượng các tiêu chí nông thôn mới; phấn đấu đạt chuẩn xã nông thôn mới nâng cao theo kế hoạch."),
            (None, None, "Vận động Nhân dân hiến đất, đóng góp ngày công làm đường giao thông nông thôn, kênh mương nội đồng, nhà văn hóa thôn."),
            (None, None, "Phát triển sản phẩm OCOP, các mô hình sản xuất hàng hóa tập trung, liên kết theo chuỗi giá trị."),
            (None, None, "Xây dựng cảnh quan, môi trường nông thôn sáng - xanh - sạch - đẹp; phân loại rác thải tại nguồn; trồng cây xanh, hoa trên các tuyến đường."),
        ],
    },
    "xoa-nha-tam": {
        "province": [
            ("Các sở, ban, ngành tỉnh", "department",
             "Rà soát, hướng dẫn cơ chế hỗ trợ nhà ở; bố trí, lồng ghép các nguồn vốn; phân công cán bộ, đảng viên giúp đỡ các xã hoàn thành chỉ tiêu xóa nhà tạm, nhà dột nát."),
            ("Ủy ban nhân dân {cap_duoi}", "commune",
             "Rà soát chính xác, công khai danh sách hộ có nhà tạm, nhà dột nát; thi đua hoàn thành xây mới, sửa chữa nhà ở đúng tiến độ, bảo đảm chất lượng."),
            ("Doanh nghiệp, nhà hảo tâm", "enterprise",
             "Hưởng ứng ủng hộ kinh phí, vật liệu xây dựng, ngày công hỗ trợ hộ nghèo, hộ cận nghèo xây mới, sửa chữa nhà ở."),
        ],
        "department": [
            (None, None, "Phát động công chức, viên chức, người lao động trong {nganh} ủng hộ ít nhất một ngày lương hỗ trợ xóa nhà tạm, nhà dột nát."),
            (None, None, "Chủ động phối hợp với các xã được phân công giúp đỡ, trực tiếp tham gia ngày công xây dựng, sửa chữa nhà ở cho hộ nghèo."),
        ],
        "commune": [
            (None, None, "Rà soát, lập danh sách hộ nghèo, hộ cận nghèo, gia đình chính sách có nhà tạm, nhà dột nát; niêm yết công khai tại nhà văn hóa các thôn."),
            (None, None, "Vận động các đoàn thể, doanh nghiệp, con em quê hương và Nhân dân góp tiền, vật liệu, ngày công giúp các hộ xây mới, sửa chữa nhà ở."),
            (None, None, "Thi đua hoàn thành khởi công, bàn giao nhà trước thời hạn; bảo đảm nhà ở có “3 cứng” (nền cứng, khung - tường cứng, mái cứng)."),
        ],
    },
}
SOLUTIONS = [
    "Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền; nâng cao vai trò, trách nhiệm của người đứng đầu trong tổ chức thực hiện Phong trào thi đua.",
    "Đẩy mạnh công tác thông tin, tuyên truyền trên các phương tiện thông tin đại chúng, trang thông tin điện tử và hệ thống truyền thanh cơ sở về Phong trào thi đua.",
    "Lồng ghép Phong trào thi đua với các chương trình mục tiêu quốc gia và các phong trào thi đua khác đang triển khai {db}.",
    "Thường xuyên kiểm tra, giám sát, kịp thời tháo gỡ khó khăn, vướng mắc; định kỳ sơ kết, tổng kết, rút kinh nghiệm.",
    "Phát hiện, bồi dưỡng, tuyên truyền, nhân rộng các điển hình tiên tiến; kịp thời khen thưởng và đề nghị cấp trên khen thưởng các tập thể, cá nhân có thành tích xuất sắc.",
]
# Targets: (text, metric, value, value_max, unit, comparison, trend, per_year, by, subject); {v}/{w} are the numbers.
TARGETS = {
    "vi-nguoi-ngheo": [
        ("Phấn đấu giảm tỷ lệ hộ nghèo đa chiều bình quân từ {v} - {w}%/năm.", "Tỷ lệ hộ nghèo đa chiều",
         (0.5, 1.5), (1.0, 2.5), "%", "range", "decrease", True, None, None),
        ("Tỷ lệ hộ nghèo dân tộc thiểu số giảm bình quân từ {v} - {w}%/năm.", "Tỷ lệ hộ nghèo dân tộc thiểu số",
         (1.5, 3.0), (3.0, 4.5), "%", "range", "decrease", True, None, None),
        ("Đến năm 2025, tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều dưới {v}%.", "Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều",
         (1.0, 4.0), None, "%", "lt", None, False, "2025", None),
        ("100% cán bộ, công chức, viên chức, người lao động tham gia ủng hộ Quỹ “Vì người nghèo” hằng năm.",
         "Tỷ lệ cán bộ, công chức, viên chức, người lao động ủng hộ Quỹ “Vì người nghèo”", (100, 100), None, "%",
         "eq", None, True, None, "cán bộ, công chức, viên chức, người lao động"),
        ("Hỗ trợ xây mới, sửa chữa ít nhất {v} căn nhà cho hộ nghèo, hộ cận nghèo đến năm 2025.",
         "Số nhà ở được hỗ trợ xây mới, sửa chữa cho hộ nghèo, hộ cận nghèo", (20, 400), None, "căn", "gte", None,
         False, "2025", "hộ nghèo, hộ cận nghèo"),
        ("Trên {v}% lao động thuộc hộ nghèo, hộ cận nghèo có nhu cầu được hỗ trợ đào tạo nghề, giải quyết việc làm.",
         "Tỷ lệ lao động thuộc hộ nghèo, hộ cận nghèo được hỗ trợ đào tạo nghề, việc làm", (60, 90), None, "%",
         "gt", None, False, "2025", "lao động thuộc hộ nghèo, hộ cận nghèo"),
        ("100% học sinh thuộc hộ nghèo, hộ cận nghèo được hỗ trợ chi phí học tập theo quy định.",
         "Tỷ lệ học sinh thuộc hộ nghèo, hộ cận nghèo được hỗ trợ chi phí học tập", (100, 100), None, "%", "eq",
         None, True, None, "học sinh thuộc hộ nghèo, hộ cận nghèo"),
    ],
    "nong-thon-moi": [
        ("Đến năm 2025, có thêm ít nhất {v} xã đạt chuẩn nông thôn mới.", "Số xã đạt chuẩn nông thôn mới tăng thêm",
         (3, 30), None, "xã", "gte", "increase", False, "2025", None),
        ("Có ít nhất {v} xã đạt chuẩn nông thôn mới nâng cao.", "Số xã đạt chuẩn nông thôn mới nâng cao",
         (2, 15), None, "xã", "gte", None, False, "2025", None),
        ("Thu nhập bình quân đầu người khu vực nông thôn đạt trên {v} triệu đồng/người/năm vào năm 2025.",
         "Thu nhập bình quân đầu người khu vực nông thôn", (45, 70), None, "triệu đồng/người/năm", "gt", None,
         False, "2025", None),
        ("Tỷ lệ dân số nông thôn được sử dụng nước sạch theo quy chuẩn đạt từ {v}% trở lên.",
         "Tỷ lệ dân số nông thôn được sử dụng nước sạch theo quy chuẩn", (40, 70), None, "%", "gte", None, False,
         "2025", None),
        ("Phấn đấu có thêm ít nhất {v} sản phẩm OCOP đạt từ 3 sao trở lên.", "Số sản phẩm OCOP đạt từ 3 sao trở lên",
         (3, 40), None, "sản phẩm", "gte", "increase", False, "2025", None),
    ],
    "xoa-nha-tam": [
        ("Hoàn thành hỗ trợ xây mới, sửa chữa {v} căn nhà tạm, nhà dột nát trước ngày 31/10/2025.",
         "Số nhà tạm, nhà dột nát được xây mới, sửa chữa", (30, 900), None, "căn", "eq", None, False, "2025-10",
         None),
        ("100% hộ nghèo, hộ cận nghèo có nhà ở an toàn, ổn định vào năm 2025.",
         "Tỷ lệ hộ nghèo, hộ cận nghèo có nhà ở an toàn, ổn định", (100, 100), None, "%", "eq", None, False, "2025",
         "hộ nghèo, hộ cận nghèo"),
        ("Huy động ít nhất {v} ngày công lao động hỗ trợ các hộ xây dựng, sửa chữa nhà ở.",
         "Số ngày công lao động hỗ trợ xây dựng, sửa chữa nhà ở", (200, 5000), None, "ngày công", "gte", None,
         False, "2025", None),
    ],
}
CRITERIA = {
    "collective": [
        "Xây dựng kế hoạch, tổ chức triển khai thực hiện có hiệu quả Phong trào thi đua; hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ được giao.",
        "Có nhiều sáng kiến, mô hình, cách làm hay được cấp có thẩm quyền ghi nhận và nhân rộng.",
        "Tích cực huy động nguồn lực, vận động đoàn viên, hội viên tham gia đóng góp, hỗ trợ người dân.",
    ],
    "individual": [
        "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước; hoàn thành xuất sắc nhiệm vụ được giao.",
        "Có sáng kiến, giải pháp hiệu quả trong tham mưu, tổ chức thực hiện Phong trào thi đua; tích cực tham gia các hoạt động hỗ trợ người dân.",
    ],
    "household": [
        "Có ý thức tự lực, tự cường, tự nguyện đăng ký thoát nghèo; có cách làm hay, hiệu quả trong lao động, phát triển sản xuất.",
        "Sử dụng vốn vay từ Ngân hàng Chính sách xã hội đúng mục đích, trả lãi, trả gốc đúng hạn; giúp đỡ các hộ khác cùng phát triển.",
    ],
    "enterprise": [
        "Có đóng góp thiết thực, hiệu quả về tiền, hiện vật hỗ trợ người dân; tạo việc làm ổn định cho lao động địa phương.",
        "Chấp hành tốt chính sách pháp luật, thực hiện đầy đủ nghĩa vụ với Nhà nước và người lao động.",
    ],
    "commune": [
        "Hoàn thành hoặc vượt các chỉ tiêu của Phong trào thi đua do cấp trên giao; sử dụng hiệu quả nguồn kinh phí được giao.",
        "Có mô hình, cách làm sáng tạo được nhân rộng; thực hiện nghiêm túc chế độ báo cáo định kỳ, đột xuất.",
    ],
    "village": [
        "Triển khai thực hiện có hiệu quả Phong trào thi đua trên địa bàn; huy động được nhiều nguồn lực hỗ trợ người dân.",
        "Điều kiện sống của người dân được cải thiện rõ rệt; không có hộ tái nghèo trong năm.",
    ],
}
SUBJECT_TITLES = {
    "collective": "Đối với tập thể", "individual": "Đối với cá nhân", "household": "Đối với hộ gia đình",
    "enterprise": "Đối với doanh nghiệp, hợp tác xã", "commune": "Đối với cấp xã",
    "village": "Đối với thôn, bản, khu phố", "department": "Đối với các sở, ban, ngành",
}
KIND_WORDS = {"collective": "tập thể", "individual": "cá nhân", "household": "hộ gia đình",
              "enterprise": "doanh nghiệp", "commune": "xã", "village": "thôn, bản, khu phố",
              "department": "sở, ban, ngành"}
DOSSIER = [
    "Tờ trình đề nghị khen thưởng của cơ quan, đơn vị trình.",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng của cấp trình.",
    "Báo cáo thành tích của tập thể, cá nhân, hộ gia đình đề nghị khen thưởng có xác nhận của cấp trình khen thưởng.",
    "Văn bản đồng ý của hộ gia đình về việc công khai thông tin khen thưởng (đối với hộ thuộc chương trình giảm nghèo).",
]
DISTRIBUTION = {
    "province": ["Ban Thi đua - Khen thưởng Trung ương", "Thường trực {Tinh} ủy", "Thường trực HĐND {tinh_loai}",
                 "Chủ tịch, các PCT UBND {tinh_loai}", "Ủy ban MTTQ Việt Nam {tinh_loai}",
                 "Các sở, ban, ngành {tinh_loai}", "UBND {cap_duoi}", "Báo {TinhTen}",
                 "Cổng Thông tin điện tử {tinh_loai}", "Lưu: VT, KGVX"],
    "department": ["UBND {tinh}", "Sở Nội vụ (Ban Thi đua - Khen thưởng)", "Giám đốc, các Phó Giám đốc Sở",
                   "Công đoàn cơ sở", "Các phòng, đơn vị thuộc Sở", "Trang thông tin điện tử Sở", "Lưu: VT, VP"],
    "commune": ["UBND {tinh}", "Thường trực Đảng ủy, HĐND xã", "Chủ tịch, các PCT UBND xã",
                "Ủy ban MTTQ Việt Nam xã", "Các ban, ngành, đoàn thể xã", "Các thôn, khu phố", "Lưu: VT"],
}

# --- Honor-roll achievements. {pt} campaign, {nam} year, {n}/{m} small numbers, {thon} village, {xa} commune.
ACHIEVEMENT_LEAD = {
    "yearly": "Đã có thành tích xuất sắc trong thực hiện Phong trào thi đua {pt} năm {nam}",
    "midterm": "Đã có thành tích xuất sắc trong thực hiện Phong trào thi đua {pt}, sơ kết năm {nam}",
    "final": "Đã có thành tích xuất sắc tiêu biểu trong Phong trào thi đua {pt} {gd}",
    "adhoc": "Đã có thành tích xuất sắc trong đợt thi đua cao điểm của Phong trào thi đua {pt} năm {nam}",
}
ACHIEVEMENTS = {
    "vi-nguoi-ngheo": {
        "collective": ["vận động hỗ trợ {n} hộ nghèo phát triển sinh kế", "vận động ủng hộ Quỹ “Vì người nghèo” được {m} triệu đồng",
                       "giúp đỡ {n} hộ thoát nghèo bền vững", "xây dựng mô hình Tổ hợp tác giúp nhau giảm nghèo",
                       "phối hợp giải ngân vốn vay ưu đãi cho {n} hộ cận nghèo"],
        "individual": ["trực tiếp giúp đỡ {n} hộ nghèo thoát nghèo", "vận động được {m} triệu đồng hỗ trợ hộ nghèo",
                       "tham mưu hiệu quả công tác rà soát hộ nghèo, hộ cận nghèo", "hỗ trợ con giống, cây giống cho {n} hộ khó khăn"],
        "household": ["tự nguyện đăng ký thoát nghèo, phát triển mô hình chăn nuôi bò sinh sản",
                      "vươn lên thoát nghèo nhờ mô hình trồng cây ăn quả", "vươn lên trở thành hộ khá từ nghề nuôi ong lấy mật",
                      "sử dụng hiệu quả vốn vay, thoát nghèo bền vững", "giúp đỡ {n} hộ nghèo trong thôn về giống và kỹ thuật"],
        "enterprise": ["tạo việc làm ổn định cho {n} lao động thuộc hộ nghèo", "ủng hộ {m} triệu đồng cho Quỹ “Vì người nghèo”",
                       "liên kết bao tiêu sản phẩm cho {n} hộ nghèo, hộ cận nghèo"],
        "village": ["giảm {n} hộ nghèo trong năm, không phát sinh hộ tái nghèo", "huy động nguồn lực hỗ trợ {n} hộ nghèo làm nhà"],
        "commune": ["giảm tỷ lệ hộ nghèo vượt chỉ tiêu được giao", "huy động {m} triệu đồng cho công tác giảm nghèo"],
    },
    "nong-thon-moi": {
        "collective": ["vận động Nhân dân hiến {n}00 m² đất làm đường giao thông nông thôn", "xây dựng {n} tuyến đường hoa, đường thắp sáng",
                       "hỗ trợ xây dựng {n} sản phẩm OCOP", "đóng góp tích cực giúp xã đạt chuẩn nông thôn mới nâng cao"],
        "individual": ["tự nguyện hiến {n}00 m² đất làm đường giao thông", "vận động Nhân dân đóng góp {m} triệu đồng xây dựng nông thôn mới",
                       "tham mưu hoàn thành các tiêu chí nông thôn mới", "phát triển sản phẩm OCOP đạt 3 sao"],
        "household": ["chỉnh trang nhà ở, vườn hộ đạt tiêu chí sáng - xanh - sạch - đẹp", "hiến {n}00 m² đất làm đường liên thôn",
                      "phát triển kinh tế vườn đồi cho thu nhập ổn định"],
        "enterprise": ["hỗ trợ {m} triệu đồng xây dựng công trình hạ tầng nông thôn", "liên kết sản xuất theo chuỗi với {n} hộ nông dân"],
        "village": ["đạt chuẩn thôn nông thôn mới kiểu mẫu", "huy động Nhân dân đóng góp {m} triệu đồng bê tông hóa đường thôn"],
        "commune": ["đạt chuẩn xã nông thôn mới nâng cao", "có {n} sản phẩm OCOP đạt từ 3 sao trở lên"],
    },
    "xoa-nha-tam": {
        "collective": ["hỗ trợ {n} ngày công xây dựng nhà cho hộ nghèo", "vận động {m} triệu đồng hỗ trợ xóa nhà tạm, nhà dột nát",
                       "hoàn thành bàn giao {n} căn nhà trước thời hạn"],
        "individual": ["trực tiếp tham gia {n} ngày công xây dựng nhà ở cho hộ nghèo", "vận động nhà hảo tâm hỗ trợ xây mới {n} căn nhà",
                       "tham mưu rà soát chính xác danh sách hộ có nhà tạm, nhà dột nát"],
        "household": ["tự nguyện hiến đất, đóng góp ngày công giúp hộ nghèo làm nhà", "hỗ trợ vật liệu xây dựng cho {n} hộ trong thôn"],
        "enterprise": ["ủng hộ {m} triệu đồng xây mới nhà cho hộ nghèo", "hỗ trợ vật liệu xây dựng {n} căn nhà"],
        "village": ["hoàn thành xóa toàn bộ nhà tạm, nhà dột nát trên địa bàn thôn"],
        "commune": ["hoàn thành xóa nhà tạm, nhà dột nát trước thời hạn"],
    },
}

# --- Stories. {name} subject, {xa} commune, {tinh} province, {nam} year, {pt} campaign, {mo_hinh} model, {n}/{m} numbers.

STORY_MODELS = {
    "vi-nguoi-ngheo": ["nuôi bò sinh sản", "trồng cây ăn quả", "nuôi ong lấy mật", "trồng rau an toàn",
                       "nuôi gà thả vườn", "trồng dược liệu dưới tán rừng", "dệt thổ cẩm", "nuôi cá lồng"],
    "nong-thon-moi": ["đường hoa nông thôn", "phân loại rác tại nguồn", "sản phẩm OCOP", "vườn mẫu",
                      "thắp sáng đường quê", "hợp tác xã kiểu mới"],
    "xoa-nha-tam": ["ngày công xây nhà", "nhà Đại đoàn kết", "vật liệu tiết kiệm", "tổ thợ tình nguyện"],
}
STORY_TITLES = {
    "household": ["{name}: vươn lên thoát nghèo nhờ mô hình {mo_hinh}", "Từ hộ nghèo đến hộ khá: câu chuyện của {name} ở {xa}",
                  "{name} và quyết tâm “tự đứng trên đôi chân mình”"],
    "individual": ["{name} - người “giữ lửa” phong trào ở {xa}", "Gặp {name}, người tận tụy với {short}",
                   "{name}: lặng lẽ sẻ chia cùng người nghèo"],
    "collective": ["{name}: điểm tựa của người dân {xa}", "Cách làm hay của {name} trong {short}"],
    "enterprise": ["{name} đồng hành cùng {xa} trong {short}", "Doanh nghiệp chung tay: câu chuyện của {name}"],
    "village": ["{name} ({xa}) đổi thay nhờ {short}", "{name}: khi cả cộng đồng cùng chung tay"],
    "authority": ["{name} về đích sớm trong {short}", "{name}: những kết quả nổi bật sau {k} năm thực hiện phong trào",
                  "Dấu ấn {short} ở {name}"],
}
STORY_OPENINGS = [
    "Những ngày cuối năm {nam}, về {xa} ({tinh}), chúng tôi được nghe nhiều câu chuyện về {name}.",
    "Giữa vùng quê {xa}, cái tên {name} đã trở nên quen thuộc với bà con trong Phong trào thi đua {pt}.",
    "Không ồn ào, {name} đã góp phần làm đổi thay diện mạo {xa} trong những năm qua.",
]
STORY_MIDDLES = {
    "household": [
        "Mấy năm trước, gia đình vẫn thuộc diện hộ nghèo của {loai}, cả nhà trông vào vài sào ruộng. Được hỗ trợ vốn vay ưu đãi và tập huấn kỹ thuật, gia đình mạnh dạn chuyển sang mô hình {mo_hinh}.",
        "Nhờ chăm chỉ và học hỏi kinh nghiệm từ các hộ đi trước, đến nay thu nhập của gia đình đã ổn định, con cái được học hành đầy đủ, căn nhà cũ được sửa sang khang trang.",
        "Không chỉ lo cho gia đình mình, bà con trong thôn còn được hướng dẫn kỹ thuật, chia sẻ giống để cùng làm theo.",
    ],
    "individual": [
        "Nhiều năm gắn bó với công tác ở cơ sở, {name} luôn sâu sát, nắm rõ hoàn cảnh từng hộ khó khăn trên địa bàn.",
        "Từ những buổi đến từng nhà vận động, đã có {n} hộ được giúp đỡ về vốn, giống, việc làm và từng bước ổn định cuộc sống.",
        "Với cách làm gần dân, hiểu dân, {name} được bà con tin tưởng, chính quyền ghi nhận và biểu dương.",
    ],
    "collective": [
        "Ngay từ khi phong trào được phát động, tập thể đã xây dựng kế hoạch cụ thể, phân công từng thành viên phụ trách, giúp đỡ các hộ khó khăn.",
        "Các hoạt động được triển khai thiết thực: hỗ trợ ngày công, vận động nguồn lực, hướng dẫn cách làm ăn, kết nối tiêu thụ sản phẩm cho bà con.",
        "Kết quả, đã có {n} hộ được hỗ trợ trực tiếp, nhiều mô hình {mo_hinh} được nhân rộng trong toàn {loai}.",
    ],
    "enterprise": [
        "Không chỉ sản xuất, kinh doanh, doanh nghiệp còn dành nguồn lực đáng kể đồng hành với địa phương.",
        "Hằng năm, doanh nghiệp tạo việc làm cho hàng chục lao động địa phương, ưu tiên lao động thuộc hộ nghèo, hộ cận nghèo.",
        "Tổng kinh phí hỗ trợ đến nay khoảng {m} triệu đồng, góp phần giúp nhiều gia đình ổn định cuộc sống.",
    ],
    "village": [
        "Trước đây, đường thôn còn lầy lội, nhiều hộ còn khó khăn. Từ khi phong trào được phát động, người dân đã đồng lòng góp công, góp của.",
        "Ban Công tác Mặt trận thôn tổ chức họp dân, bàn bạc công khai từng việc; mỗi hộ đều có phần đóng góp phù hợp.",
        "Đến nay, thôn đã có nhiều đổi thay rõ rệt, tình làng nghĩa xóm thêm gắn bó.",
    ],
    "authority": [
        "Sau {k} năm triển khai Phong trào thi đua {pt}, {name} đã đạt được nhiều kết quả đáng ghi nhận.",
        "Cấp ủy, chính quyền xác định rõ các nhiệm vụ trọng tâm, phân công cụ thể cho từng ban, ngành, đoàn thể và từng thôn.",
        "Toàn {loai} đã huy động khoảng {m} triệu đồng từ các nguồn lực xã hội, hỗ trợ {n} hộ khó khăn ổn định cuộc sống.",
    ],
}
STORY_QUOTES = {
    "household": [
        "Có sự giúp đỡ của chính quyền và bà con, gia đình tôi mới có được như hôm nay. Giờ mình phải cố gắng hơn nữa để giúp lại người khác.",
        "Ngày trước cứ nghĩ nghèo là số phận, giờ mới thấy chịu khó học cách làm ăn thì cuộc sống đổi khác.",
        "Được vay vốn, được chỉ cách làm, nhà tôi không còn lo cái ăn, các cháu được đi học đầy đủ.",
    ],
    "_": [
        "Phong trào chỉ thành công khi người dân thực sự tham gia, thấy được lợi ích cho chính mình.",
        "Việc gì có lợi cho dân thì mình làm, làm đến nơi đến chốn.",
        "Điều quan trọng nhất là khơi dậy được ý chí tự vươn lên của mỗi người, mỗi nhà.",
        "Cán bộ phải sâu sát, nắm từng hộ, từng hoàn cảnh thì mới giúp được đúng người, đúng việc.",
    ],
}
STORY_CLOSINGS = [
    "Với những thành tích đó, {name} đã được {cap} tặng {form} năm {nam}. Đây là tấm gương tiêu biểu cần được nhân rộng trong Phong trào thi đua {pt}.",
    "Ghi nhận những đóng góp đó, {name} vinh dự được {cap} tặng {form}. Câu chuyện tiếp tục lan tỏa tinh thần “không để ai bị bỏ lại phía sau” ở {xa}.",
]
STORY_TAGS = ["điển hình tiên tiến", "mô hình hay", "cách làm sáng tạo", "gương người tốt việc tốt"]


def _nfc(obj):
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, list):
        return [_nfc(x) for x in obj]
    if isinstance(obj, tuple):
        return tuple(_nfc(x) for x in obj)
    if isinstance(obj, dict):
        return {_nfc(k): _nfc(v) for k, v in obj.items()}
    return obj


for _name, _value in list(globals().items()):
    if _name.isupper():
        globals()[_name] = _nfc(_value)
