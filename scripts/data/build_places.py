#!/usr/bin/env python3
"""Build data/lexicon/places.tsv, rasd's generated Arabic place gazetteer.

Run by developers (not at build time); the output is committed.

    python3 scripts/data/build_places.py [--shared ../shared] [--out data/lexicon/places.tsv]

Python 3 standard library only.  Inputs:

* ../shared/data/geo/countries.tsv (mledoze/countries, ODbL): countries, their
  centroids and the English name of their capital.
* GeoNames cities (CC BY 4.0) as packaged by Debian's libgeonames0 /
  libgeonames-common: the cities are a GVariant array of
  (geonameid, name, admin1, state, iso2, country, timezone, population u, lat d, lon d)
  compiled into /usr/lib/<triplet>/libgeonames.so.0 (a GResource); we read it
  through the library's own API with ctypes.  Arabic names are the gettext
  catalogue /usr/share/locale/ar/LC_MESSAGES/geonames.mo, whose msgids are
  geonameids (cities), "CC.admin1" (first-level regions) and "CC" (countries).
* ../shared/data/geo/world-cities-ar.csv (Wikidata via
  jamsshhayd/world-cities-translations, CC BY 4.0): more Arabic city names,
  joined to GeoNames by English name + country for coordinates.
* data/lexicon/places-curated.tsv (hand-written): rows there win; generated
  rows with the same Arabic name and the same country are dropped here.

Output columns: arabic english iso3 lat lon kind population, kind in
{country, capital, city, region, site}.  Rows sharing an Arabic name are kept
(the engine disambiguates by context) and ordered country first, then by
population descending.
"""
import argparse
import csv
import ctypes
import ctypes.util
import gettext
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

MO_PATH = "/usr/share/locale/ar/LC_MESSAGES/geonames.mo"
LIB_NAME = "libgeonames.so.0"

# ---------------------------------------------------------------- normalisation

DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
# letters borrowed from Persian/Urdu that Arabic news spells with Arabic letters
FOREIGN_MAP = str.maketrans({"ک": "ك", "ڤ": "ف", "ە": "ه", "ۀ": "ه", "ھ": "ه", "ں": "ن"})
ARABIC_OK = re.compile(r"^[\u0621-\u063A\u0641-\u064A \-']+$")

# administrative words that Wikidata/GeoNames put before a city's name
ADMIN_PREFIXES = ["ناحية مركز", "ولاية", "مدينة", "محافظة", "مقاطعة", "بلدية", "إقليم",
                  "منطقة", "إدارة", "مديرية", "مركز", "ضاحية", "ناحية", "قضاء", "لواء",
                  "أمانة العاصمة", "إمارة"]
# a label starting with these is another kind of entity (a club, a river...)
WRONG_ENTITY = ("نادي", "جامعة", "نهر", "فريق", "مطار", "ملعب")


def clean_ar(name):
    """Normalise an Arabic name: no diacritics/tatweel, Arabic letters only.
    Returns '' when the name cannot be used."""
    if not name:
        return ""
    name = unicodedata.normalize("NFC", name)
    name = DIACRITICS.sub("", name)
    name = name.translate(FOREIGN_MAP)
    # Persian yeh: final -> alef maqsura is wrong as often as right; use yeh
    name = name.replace("ی", "ي")
    name = re.sub(r"\(.*?\)", "", name)        # "(مدينة)" qualifiers
    name = name.split("،")[0].split(",")[0]     # "كادوما، أوساكا" -> "كادوما"
    name = name.replace("\u200c", "").replace("\u200f", "").replace("\u200e", "")
    name = re.sub(r"\s+", " ", name).strip(" -")
    name = re.sub(r"\s*-\s*", "-", name)
    if not ARABIC_OK.match(name):
        return ""
    return name


def strip_admin(name):
    """'ولاية قندهار' -> 'قندهار'; returns (stripped, prefix or '')."""
    for p in ADMIN_PREFIXES:
        if name.startswith(p + " ") and len(name) > len(p) + 2:
            return name[len(p) + 1:].strip(), p
    return name, ""


def letters(name):
    return sum(1 for ch in name if "\u0621" <= ch <= "\u064A")


def fold_en(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = s.replace("`", "").replace("'", "").replace("ʼ", "").replace("‘", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "", s)


# ---------------------------------------------------------------- stoplist
# Common Arabic words that must never be read as place names.  The first block
# is the 600 most frequent tokens of the ANT multisource 2018 news corpus
# (counted over title+text, diacritics removed), minus the place names among
# them; the second is a hand list of function words and common nouns that
# occur as (parts of) toponyms.
STOP_FREQ = """
في من على أن إلى عن التي مع الذي بعد ما إن بين لا هذا وقال المتحدة خلال هذه قبل كان أو
الرئيس لم قد عام منذ كما أنه ذلك ترامب العالم الماضي و لكن العام وفي أي أكثر قال الولايات
غير أمام حيث كل رئيس كانت وهو دولار وكان وأضاف هو حتى عاما وقالت الحكومة يوم أيضا إنه ضد
الاتحاد بشكل نحو عبر فيها مدينة بسبب عدد أخرى العربية القدم حول وزير الجمعة مليون له البلاد
الجيش الذين الخارجية الأولى محمد بعض قوات الأول الثلاثاء الأمريكية بشأن كأس هناك إذا وقت تم
فيما اليوم بأن أنها بي وذلك هي ومن الأميركية الأحد عندما الأمريكي الأربعاء وقد المنتخب السبت
الخميس وكانت أحد الدولي السعودي ب السابق دون الأميركي السوري مثل لها فيه بيان شركة الاثنين
مجلس الثاني بها يمكن ولم المباراة وكالة عليها إلا جديدة مباراة المنطقة الفريق الأمن ألف الأمر
وزارة آخر وهي باسم بن المصري القوات منطقة أول الاتفاق دونالد الأخيرة أعلن الوقت السلطات الدوري
الشرطة الأوروبي النظام الفرنسي مليار أكبر فقط ولا بحسب الآن عليه سنوات لن فإن موقع الإيراني
الوزراء الدول العمل عملية الدولة تلك يكون أجل لكرة الله المملكة التحالف ريال الحوثي إنها
الانتخابات الدولية بالمئة الروسي به أعلنت عند النووي الشمالية كبيرة كبير قالت صلاح السورية
لاعب صحيفة والتي بينما وسط عدة إذ منها حزب شخص بعدما ثم جميع الموسم سي العاصمة الأسبوع ولكن
الدفاع داخل المقبل وفق الإسرائيلي الإيرانية الأمم وسائل البريطانية عدم الشركة وفقا تويتر عبد
التواصل مما بلاده حين التركية لدى فريق التركي العامة أردوغان مقتل ضمن بما مقابل الإسباني
الهجوم تنظيم الاجتماعي تكون فيسبوك يونيو تحت جنوب مايو الإنجليزي إطلاق يجب نهاية العسكرية
عسكرية مرة ليس أفضل كرة مواقع قرار العربي شمال الروسية ل منتخب الحرب بأنه المئة مجموعة يتم
الإنسان ثلاثة دول الحالي المركز منظمة دوري الجديد فقد استخدام الفرنسية إدارة خاصة حالة أيام
سابق أكد تحقيق مارس المعارضة النفط الوطني قائلا جانب مستوى الدقيقة النادي الشرقية دولة جدا
الجديدة دور وأكد رغم الثانية الحدود القانون قتل النهائي الشهر الأنباء لكنه العقوبات والذي
وتابع شخصا الرسمية محافظة نقطة ال وأن وأضافت المدينة مساء مصادر وعلى العالمية قطاع وأوضح آلاف
أبطال وجود اتفاق الأسلحة هجوم رونالدو نفسه حاليا أما العديد جديد دعم أثناء اللاعب كيم مناطق
الحوثيين المصرية حال وبعد يوليو مشروع المتحدث الماضية تطبيق واحد أشهر البرلمان عمليات محاولة
ميليشيات عمل المحكمة النار الإعلام الخاصة القرار عقب إثر المجموعة الأبيض الأوروبية الشعب
الجنوبية المالية قرب الفوز نادي واحدة داعش الجاري الجوية الإسرائيلية لأن للمرة وأشار سلمان
سيكون نظام إطار لما نهائي خاشقجي إعادة ماكرون بالنسبة أسعار المونديال اليمنية هدف فترة الإرهاب
الدور بينهم بل شهر الاقتصادية بهدف أبريل مواجهة الشرعية عشرات الكثير تصريحات مركز الإيطالي
فرض مصدر الأقل سيتي الناس البلدين وذكرت حسب اللاعبين الساعة الأطفال المناطق مباريات العلاقات
بداية الشرق قضية خارج الوطنية تقارير نشر قائمة أهداف الهدف منه الشركات حركة عشر الشيخ مؤتمر
الكرة الأرض البيان المدرب الملك جاء الى الألماني البيت السياسية الإسلامية البطولة شيء بنسبة
طريق شرق يكن حكومة هدفا الفترة نحن دوما الداخلية الأوسط الحكم العمر الأخرى ونقلت حملة لمدة
إعلان تقدم لقد العالمي الثالث ذكرت برنامج لجنة بينها إجراء سجل أمر مشيرا ميسي الأزمة ظل حقوق
مونديال مدير بأنها مضيفا علي النساء الاقتصاد الأخير التحقيق المسلحة غرب الحكومية القضية الخاص
نصف زيادة الحزب بدأت آخرين العسكري الميليشيات أقل فرانس وضع قمة ويقول سان يبدو فيديو بالإضافة
يورو ذات تاريخ نقل أحمد حرب الدين الأمير كانوا الأسد قانون لهم القمة بطولة العملية مسؤول تقرير
رويترز المدنيين التجارية القطاع بناء ثلاث الوضع وبحسب المنظمة الفلسطينية إجراءات النجم لكنها
إضافة هيئة رفع عقد فبراير
"""
STOP_HAND = """
أم أبو أبي بني بنو بنت ابن بن سيدي عين بئر بير جبل وادي تل تلة كفر دير باب بيت رأس راس
قصر حي السوق سوق المدينة القرية قرية الحي البلد بلد الجزيرة جزيرة الميناء ميناء النهر نهر
البحر بحر الوادي الجبل العين البئر الباب البيت القصر الرأس الساحل ساحل الصحراء الريف ريف
سانت سانتا سانتو ساو سان لا لو لي لاس لوس إل ال دي دو دا دل ديل فان فون بورت بورتو بويرتو
قال يقول وقال كان يكون من منه فيه عن على إلى حتى ثم لكن أو أم إذا إذ لو لما كي كم كيف أين
هنا هناك الآن اليوم غدا أمس نعم كلا بل قد لقد سوف سي مع عند لدى بين تحت فوق أمام خلف وراء
حول دون عبر ضد نحو منذ مذ خلال بعد قبل أثناء عقب إثر بسبب وفق حسب
هو هي هم هن أنا نحن أنت أنتم هذا هذه ذلك تلك هؤلاء أولئك الذي التي الذين اللذين اللتين
كل بعض غير سوى مثل نفس ذات أي أية كلا كلتا جميع عامة معظم أغلب
الأمل أمل السلام سلام النصر نصر الحرية حرية الوحدة وحدة النهضة الثورة ثورة الفتح فتح العودة
الوطن وطن الشعب الأمة أمة الدولة دولة الأمن أمن النور نور الفجر فجر الخير خير البركة بركة
الرحمة رحمة العزة عزة الكرامة كرامة الصمود الاستقلال الشهداء الإسلام العرب عرب القمر شمس الشمس
النجمة نجمة الوسط وسط الشمال الجنوب الشرق الغرب شمال جنوب شرق غرب العاصمة عاصمة المركز مركز
الأولى الثانية الثالثة الأول الثاني الثالث الكبير الكبرى الصغير الصغرى الجديد الجديدة القديم
القديمة العليا السفلى العلوي السفلي العام الخاص الحرة المنطقة منطقة المحافظة محافظة ولاية
الولاية الإقليم إقليم القطاع قطاع الضفة المعبر معبر الحدود حدود القاعدة قاعدة المطار مطار
المخيم مخيم الحقل حقل الطريق طريق الجسر جسر المحطة محطة السد سد الخط خط النقطة نقطة
عمر علي حسن حسين محمد أحمد محمود خالد سعيد مريم فاطمة زينب عيسى موسى يوسف إبراهيم داود سليمان
يوم أيام شهر أسبوع سنة عام ساعة دقيقة مليون ألف مئة مائة واحد اثنان ثلاثة أربعة خمسة ستة سبعة
ثمانية تسعة عشرة ماي جوان أوت آب أيار تموز نيسان آذار شباط أيلول رمضان رجب شعبان صفر محرم شوال
الماضي المقبل القادم السابق الحالي الجاري
بيان تقرير أكد وأكد أعلن قتل مقتل هجوم انفجار اشتباك قصف غارة غارات معركة
ملك ملكة أمير أميرة شيخ رئيس وزير نائب قائد جنرال
"""
# place names among the corpus's most frequent tokens: never treated as stop words
PLACE_ALLOW = set("""
السعودية سوريا إيران روسيا إسرائيل مصر تركيا واشنطن الإمارات مدريد اليمن فرنسا بريطانيا
غزة الحديدة الصين دبي العراق قطر باريس موسكو دمشق طهران ألمانيا الغوطة القدس لندن أوروبا
كوريا برشلونة ليفربول مانشستر عمان
""".split())


FREQ_TOP = 5000          # corpus rank under which a word counts as frequent
FREQ_KEEP_POP = 200000   # ... and a place of this size is still kept
CORPUS = os.path.join("corpora", "ant-multisource-2018.jsonl.zst")


def corpus_ranks(shared, top):
    """{word: rank} for the `top` most frequent tokens of the shared news
    corpus (title + text, diacritics removed).  Only counts are used."""
    import json
    import subprocess
    from collections import Counter
    path = os.path.join(shared, CORPUS)
    if not os.path.exists(path):
        sys.exit("build_places: %s not found" % path)
    tok = re.compile(r"[\u0621-\u064A]+")
    counts = Counter()
    proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
    for line in proc.stdout:
        o = json.loads(line)
        for field in ("title", "text"):
            counts.update(tok.findall(DIACRITICS.sub("", o.get(field) or "")))
    if proc.wait() != 0:
        sys.exit("build_places: zstd failed on %s" % path)
    return {w: i for i, (w, _) in enumerate(counts.most_common(top))}


def stoplist():
    words = set(STOP_FREQ.split()) | set(STOP_HAND.split())
    return {clean_ar(w) for w in words if clean_ar(w)} - PLACE_ALLOW


# ---------------------------------------------------------------- sources

def read_countries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            out.append(row)
    return out


# countries.tsv name_ar values that are wrong or odd; value '' = drop the name.
# The correct names are added in places-curated.tsv.
COUNTRY_NAME_FIX = {
    "AGO": "أنغولا",          # listed as 'جمهورية أنغولا'
    "MEX": "المكسيك",         # 'المسكيك' (typo)
    "SRB": "صربيا",           # 'صيربيا'
    "MDA": "مولدوفا",         # 'مولدوڤا'
    "UZB": "أوزبكستان",       # 'أوزباكستان'
    "DOM": "الدومينيكان",     # 'جمهورية الدومينيكان'
    "COG": "الكونغو برازافيل",  # 'جمهورية الكونغو' is ambiguous
    "COD": "الكونغو الديمقراطية",  # 'الكونغو' alone: kept via curated for both
    "GUF": "غويانا الفرنسية",  # 'غويانا' is Guyana
    "MNE": "الجبل الأسود",
    "PRI": "بورتوريكو",
    "REU": "ريونيون",
}
# Arabic names of capitals that GeoNames' ar catalogue and world-cities lack
# (coordinates still come from GeoNames)
CAPITAL_AR = {
    "USA": "واشنطن", "MRT": "نواكشوط", "CAF": "بانغي", "ESH": "العيون",
    "JAM": "كينغستون", "MCO": "موناكو", "MMR": "نايبيداو", "SGP": "سنغافورة",
    "ATG": "سانت جونز", "GRD": "سانت جورجز", "FSM": "باليكير", "KIR": "تاراوا",
    "MHL": "ماجورو", "NRU": "يارين", "REU": "سان دوني", "CUW": "ويلمستاد",
    "ABW": "أورانيستاد",
}
# official_ar values that are wrong (typos) and must not be emitted
OFFICIAL_SKIP = {"AFG", "SRB", "MDA", "UZB", "MEX", "COD", "COG", "GUF"}


def load_geonames():
    """All GeoNames cities from libgeonames, via ctypes."""
    lib = ctypes.CDLL(LIB_NAME)
    glib_name = ctypes.util.find_library("glib-2.0") or "libglib-2.0.so.0"
    glib = ctypes.CDLL(glib_name)
    lib.geonames_get_n_cities.restype = ctypes.c_uint
    lib.geonames_get_city.restype = ctypes.c_void_p
    lib.geonames_get_city.argtypes = [ctypes.c_uint]
    glib.g_variant_get_type_string.restype = ctypes.c_char_p
    glib.g_variant_get_type_string.argtypes = [ctypes.c_void_p]
    glib.g_variant_get_child_value.restype = ctypes.c_void_p
    glib.g_variant_get_child_value.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    glib.g_variant_get_string.restype = ctypes.c_char_p
    glib.g_variant_get_string.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    glib.g_variant_get_uint32.restype = ctypes.c_uint32
    glib.g_variant_get_uint32.argtypes = [ctypes.c_void_p]
    glib.g_variant_get_double.restype = ctypes.c_double
    glib.g_variant_get_double.argtypes = [ctypes.c_void_p]
    glib.g_variant_unref.argtypes = [ctypes.c_void_p]
    n = lib.geonames_get_n_cities()
    cities = []
    for i in range(n):
        v = lib.geonames_get_city(i)
        t = glib.g_variant_get_type_string(v).decode()
        if t != "(sssssssudd)":
            raise SystemExit("unexpected libgeonames record type %s" % t)
        vals = []
        for j in range(10):
            ch = glib.g_variant_get_child_value(v, j)
            if j < 7:
                vals.append(glib.g_variant_get_string(ch, None).decode("utf-8"))
            elif j == 7:
                vals.append(int(glib.g_variant_get_uint32(ch)))
            else:
                vals.append(float(glib.g_variant_get_double(ch)))
            glib.g_variant_unref(ch)
        glib.g_variant_unref(v)
        keys = ("gid", "name", "admin1", "state", "cc", "country", "tz", "pop", "lat", "lon")
        cities.append(dict(zip(keys, vals)))
    return cities


def load_mo(path):
    with open(path, "rb") as f:
        return gettext.GNUTranslations(f)._catalog


# ---------------------------------------------------------------- build

def fmt(x):
    return ("%.4f" % x).rstrip("0").rstrip(".")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "lexicon", "places.tsv"))
    ap.add_argument("--curated", default=os.path.join(ROOT, "data", "lexicon", "places-curated.tsv"))
    args = ap.parse_args()

    geo = os.path.join(args.shared, "data", "geo")
    if not os.path.isdir(geo):
        sys.exit("build_places: %s not found (need the shared data folder)" % geo)
    stop = stoplist()
    dropped = defaultdict(int)

    countries = read_countries(os.path.join(geo, "countries.tsv"))
    iso2to3 = {c["iso2"]: c["iso3"] for c in countries}
    en2iso3 = {c["name_en"]: c["iso3"] for c in countries}
    en2iso3.update({"Turkey": "TUR", "Palestinian Territory Occupied": "PSE",
                    "Hong Kong S.A.R.": "HKG", "Fiji Islands": "FJI",
                    "Sao Tome and Principe": "STP", "Bosnia and Herzevina": "BIH",
                    "Man (Isle of)": "IMN"})
    iso2to3["XK"] = "UNK"  # GeoNames' Kosovo

    rows = []   # dicts: ar en iso3 lat lon kind pop src

    def add(ar, en, iso3, lat, lon, kind, pop, src, check_stop=True):
        ar = clean_ar(ar)
        if not ar or letters(ar) < 2:
            dropped["short/non-arabic"] += 1
            return False
        if check_stop and ar in stop:
            dropped["stoplist"] += 1
            return False
        rows.append(dict(ar=ar, en=en, iso3=iso3, lat=lat, lon=lon, kind=kind,
                         pop=int(pop or 0), src=src))
        return True

    # countries ---------------------------------------------------------
    for c in countries:
        iso3 = c["iso3"]
        lat, lon = float(c["lat"]), float(c["lon"])
        name = COUNTRY_NAME_FIX.get(iso3, c["name_ar"])
        if name:
            add(name, c["name_en"], iso3, lat, lon, "country", 0, "countries", check_stop=False)
        off = clean_ar(c["official_ar"])
        if off and off != clean_ar(name) and iso3 not in OFFICIAL_SKIP:
            add(off, c["name_en"], iso3, lat, lon, "country", 0, "countries", check_stop=False)

    # GeoNames ------------------------------------------------------------
    cat = load_mo(MO_PATH)
    cities = load_geonames()
    by_country = defaultdict(list)
    for c in cities:
        c["iso3"] = iso2to3.get(c["cc"])
        if c["iso3"]:
            by_country[c["iso3"]].append(c)
        c["ar"] = clean_ar(cat.get(c["gid"], ""))
        if c["ar"]:
            c["ar"], _ = strip_admin(c["ar"])

    # capitals: match countries.tsv capital_en against GeoNames names
    capital_gid = {}
    capital_city = {}
    cap_alias = {"Washington D.C.": ["Washington", "Washington DC"], "Sana'a": ["Sanaa"],
                 "City of Victoria": ["Hong Kong"], "Ulan Bator": ["Ulaanbaatar"],
                 "El Aaiún": ["Laayoune", "El Aaiun"], "Papeetē": ["Papeete"],
                 "City of San Marino": ["San Marino"], "Nuku'alofa": ["Nuku`alofa"],
                 "Abu Dhabi": ["Abu Dhabi Island and Internal Islands City"],
                 "Astana": ["Nur-Sultan"], "Naypyidaw": ["Nay Pyi Taw"],
                 "Saint John's": ["St John's"], "South Tarawa": ["Tarawa"],
                 "Kyiv": ["Kiev"]}
    cap_folds = {}
    for co in countries:
        cap = co["capital_en"]
        if not cap:
            continue
        want = {fold_en(cap)} | {fold_en(a) for a in cap_alias.get(cap, [])}
        cap_folds[co["iso3"]] = want
        cands = [c for c in by_country.get(co["iso3"], []) if fold_en(c["name"]) in want]
        if not cands:
            continue
        best = max(cands, key=lambda c: c["pop"])
        capital_gid[best["gid"]] = co["iso3"]
        capital_city[co["iso3"]] = best

    geo_ar_names = defaultdict(set)   # arabic -> gids having it in GeoNames
    for c in cities:
        if c["ar"]:
            geo_ar_names[c["ar"]].add(c["gid"])

    for iso3, c in capital_city.items():
        if not c["ar"] and iso3 in CAPITAL_AR:
            c["ar"] = CAPITAL_AR[iso3]

    n_geo = 0
    for c in cities:
        if not c["iso3"] or not c["ar"]:
            continue
        kind = "capital" if c["gid"] in capital_gid else "city"
        if add(c["ar"], c["name"], c["iso3"], c["lat"], c["lon"], kind, c["pop"], "geonames",
               check_stop=(kind != "capital")):
            n_geo += 1

    # first-level regions: Arabic from "CC.admin1"; the coordinates are the mean
    # of the region's GeoNames cities (an approximation of its centre)
    reg = defaultdict(list)
    for c in cities:
        if c["iso3"]:
            reg[(c["cc"], c["admin1"])].append(c)
    city_names_by_country = defaultdict(set)
    for r in rows:
        if r["kind"] in ("city", "capital"):
            city_names_by_country[r["iso3"]].add(r["ar"])
    for (cc, a1), members in reg.items():
        full = clean_ar(cat.get("%s.%s" % (cc, a1), ""))
        if not full:
            continue
        iso3 = iso2to3[cc]
        lat = sum(m["lat"] for m in members) / len(members)
        lon = sum(m["lon"] for m in members) / len(members)
        pop = sum(m["pop"] for m in members)
        en = members[0]["state"]
        short, prefix = strip_admin(full)
        if prefix:
            # "محافظة إدلب" is genuine usage: keep the full form too
            add(full, en, iso3, lat, lon, "region", pop, "geonames-admin1", check_stop=False)
        if short not in city_names_by_country[iso3]:
            add(short, en, iso3, lat, lon, "region", pop, "geonames-admin1")
        else:
            dropped["region name = city name"] += 1

    # world-cities-ar.csv: Arabic names joined to GeoNames by English name + country
    gn_index = defaultdict(list)
    for c in cities:
        if c["iso3"]:
            gn_index[(fold_en(c["name"]), c["iso3"])].append(c)
    n_wc = n_wc_unplaced = 0
    with open(os.path.join(geo, "world-cities-ar.csv"), encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            iso3 = en2iso3.get(r["CountryNameEn"])
            raw = (r["CityNameAr"] or "").strip()
            if not iso3 or not raw:
                continue
            if raw.split()[0] in WRONG_ENTITY:
                dropped["world-cities: other entity"] += 1
                continue
            ar, _ = strip_admin(clean_ar(raw))
            if not ar:
                dropped["short/non-arabic"] += 1
                continue
            cands = gn_index.get((fold_en(r["CityNameEn"]), iso3))
            if fold_en(r["CityNameEn"]) in cap_folds.get(iso3, ()) and iso3 in capital_city:
                cands = [capital_city[iso3]]
            if not cands:
                n_wc_unplaced += 1
                continue
            c = max(cands, key=lambda c: c["pop"])
            if c["ar"] == ar:
                continue  # already there
            # the name belongs to another GeoNames place: Wikidata mislabel
            if geo_ar_names.get(ar) and c["gid"] not in geo_ar_names[ar]:
                dropped["world-cities: name of another place"] += 1
                continue
            kind = "capital" if c["gid"] in capital_gid else "city"
            if add(ar, c["name"], iso3, c["lat"], c["lon"], kind, c["pop"] or int(r["Population"] or 0),
                   "world-cities"):
                n_wc += 1

    # names of countries and capitals are reserved for them: a small town
    # elsewhere spelled like a country (لبنان, Lebanon, Ohio) or a capital
    # (موسكو for Mesquite, Texas) is dropped
    reserved = defaultdict(set)
    for r in rows:
        if r["kind"] in ("country", "capital"):
            reserved[r["ar"]].add(r["iso3"])
    kept = []
    for r in rows:
        if r["kind"] in ("city", "region") and r["ar"] in reserved and r["iso3"] not in reserved[r["ar"]]:
            dropped["name of a country/capital"] += 1
            continue
        kept.append(r)
    rows = kept

    # a town whose name is also a frequent news word (ضريبة, كتاب, معسكر ...)
    # is more likely a false match than a mention: drop it unless it is large
    freq_rank = corpus_ranks(args.shared, FREQ_TOP)
    kept = []
    for r in rows:
        if (r["kind"] in ("city", "region") and r["ar"] in freq_rank
                and r["pop"] < FREQ_KEEP_POP):
            dropped["frequent word, small place"] += 1
            continue
        kept.append(r)
    rows = kept

    # curated rows win over generated rows of the same name in the same country
    curated = set()
    if os.path.exists(args.curated):
        with open(args.curated, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip() or line.startswith("arabic\t"):
                    continue
                p = line.rstrip("\n").split("\t")
                if len(p) >= 3:
                    curated.add((p[0], p[2]))

    # dedupe: one row per (arabic, iso3, kind, place); keep the better source
    seen = {}
    out = []
    for r in rows:
        if (r["ar"], r["iso3"]) in curated:
            dropped["overridden by curated"] += 1
            continue
        key = (r["ar"], r["iso3"], r["kind"], round(r["lat"], 1), round(r["lon"], 1))
        if key in seen:
            continue
        seen[key] = r
        out.append(r)

    kind_rank = {"country": 0, "capital": 1, "region": 2, "city": 2, "site": 2}
    out.sort(key=lambda r: (r["ar"], kind_rank[r["kind"]], -r["pop"], r["iso3"], r["en"]))

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# generated by scripts/data/build_places.py - do not edit; put fixes in places-curated.tsv\n")
        f.write("# sources: GeoNames (CC BY 4.0) via Debian libgeonames; mledoze/countries (ODbL);\n")
        f.write("# jamsshhayd/world-cities-translations (Wikidata, CC BY 4.0). See data/NOTICE.places\n")
        f.write("arabic\tenglish\tiso3\tlat\tlon\tkind\tpopulation\n")
        for r in out:
            en = r["en"].replace("\t", " ")
            f.write("\t".join([r["ar"], en, r["iso3"], fmt(r["lat"]), fmt(r["lon"]),
                               r["kind"], str(r["pop"])]) + "\n")

    kinds = defaultdict(int)
    for r in out:
        kinds[r["kind"]] += 1
    print("build_places: %d rows -> %s" % (len(out), args.out), file=sys.stderr)
    print("  per kind: %s" % dict(sorted(kinds.items())), file=sys.stderr)
    print("  geonames cities %d (of %d, %d with Arabic), world-cities added %d, unplaced %d"
          % (n_geo, len(cities), sum(1 for c in cities if c["ar"]), n_wc, n_wc_unplaced),
          file=sys.stderr)
    print("  capitals matched in GeoNames: %d" % len(capital_gid), file=sys.stderr)
    print("  dropped: %s" % dict(dropped), file=sys.stderr)


if __name__ == "__main__":
    main()
