// Labels in Arabic and English, and the code tables the UI shows (CAMEO roots,
// quad classes, PLOVER types, modality, attribution kinds, mention kinds).
// Pure data + tiny helpers: no DOM access here.

export const LANGS = ['ar', 'en'];

export const CAMEO_ROOTS = {
  '01': { ar: 'الإدلاء بتصريح علني', en: 'Make public statement' },
  '02': { ar: 'مناشدة', en: 'Appeal' },
  '03': { ar: 'إبداء نية التعاون', en: 'Express intent to cooperate' },
  '04': { ar: 'تشاور', en: 'Consult' },
  '05': { ar: 'تعاون دبلوماسي', en: 'Engage in diplomatic cooperation' },
  '06': { ar: 'تعاون مادي', en: 'Engage in material cooperation' },
  '07': { ar: 'تقديم مساعدة', en: 'Provide aid' },
  '08': { ar: 'تنازل', en: 'Yield' },
  '09': { ar: 'تحقيق', en: 'Investigate' },
  '10': { ar: 'مطالبة', en: 'Demand' },
  '11': { ar: 'استنكار', en: 'Disapprove' },
  '12': { ar: 'رفض', en: 'Reject' },
  '13': { ar: 'تهديد', en: 'Threaten' },
  '14': { ar: 'احتجاج', en: 'Protest' },
  '15': { ar: 'استعراض القوة', en: 'Exhibit force posture' },
  '16': { ar: 'تخفيض العلاقات', en: 'Reduce relations' },
  '17': { ar: 'إكراه', en: 'Coerce' },
  '18': { ar: 'اعتداء', en: 'Assault' },
  '19': { ar: 'قتال', en: 'Fight' },
  '20': { ar: 'عنف جماعي غير تقليدي', en: 'Use unconventional mass violence' },
};

export const QUAD_CLASSES = {
  '1': { ar: 'تعاون لفظي', en: 'Verbal cooperation' },
  '2': { ar: 'تعاون مادي', en: 'Material cooperation' },
  '3': { ar: 'نزاع لفظي', en: 'Verbal conflict' },
  '4': { ar: 'نزاع مادي', en: 'Material conflict' },
};

export const PLOVER_TYPES = {
  AGREE: { ar: 'اتفاق', en: 'Agree' },
  CONSULT: { ar: 'تشاور', en: 'Consult' },
  SUPPORT: { ar: 'دعم', en: 'Support' },
  CONCEDE: { ar: 'تنازل', en: 'Concede' },
  COOPERATE: { ar: 'تعاون', en: 'Cooperate' },
  AID: { ar: 'مساعدة', en: 'Aid' },
  RETREAT: { ar: 'انسحاب', en: 'Retreat' },
  REQUEST: { ar: 'طلب', en: 'Request' },
  ACCUSE: { ar: 'اتهام', en: 'Accuse' },
  REJECT: { ar: 'رفض', en: 'Reject' },
  THREATEN: { ar: 'تهديد', en: 'Threaten' },
  PROTEST: { ar: 'احتجاج', en: 'Protest' },
  SANCTION: { ar: 'عقوبات', en: 'Sanction' },
  MOBILIZE: { ar: 'تعبئة', en: 'Mobilize' },
  COERCE: { ar: 'إكراه', en: 'Coerce' },
  ASSAULT: { ar: 'اعتداء', en: 'Assault' },
};

export const MODALITIES = {
  asserted: { ar: 'مؤكَّد', en: 'Asserted' },
  reported: { ar: 'منقول', en: 'Reported' },
  planned: { ar: 'مخطَّط', en: 'Planned' },
  conditional: { ar: 'مشروط', en: 'Conditional' },
  hypothetical: { ar: 'افتراضي', en: 'Hypothetical' },
  negated: { ar: 'منفي', en: 'Negated' },
};

export const ATTRIBUTION_KINDS = {
  named: { ar: 'مصدر مسمّى', en: 'Named source' },
  anonymous: { ar: 'مصدر مجهول', en: 'Anonymous source' },
  official: { ar: 'جهة رسمية', en: 'Official' },
  media: { ar: 'وسيلة إعلام', en: 'Media' },
  none: { ar: 'بلا إسناد', en: 'None' },
};

export const DATE_PRECISIONS = {
  day: { ar: 'يوم', en: 'day' },
  week: { ar: 'أسبوع', en: 'week' },
  month: { ar: 'شهر', en: 'month' },
  year: { ar: 'سنة', en: 'year' },
};

export const MENTION_KINDS = {
  actor: { ar: 'فاعل', en: 'Actor' },
  place: { ar: 'مكان', en: 'Place' },
  date: { ar: 'تاريخ', en: 'Date' },
  trigger: { ar: 'فعل الحدث', en: 'Trigger' },
  entity: { ar: 'كيان مسمّى', en: 'Named entity' },
};

const LABELS = {
  app_title: { ar: 'رصد — مستكشف الأحداث', en: 'rasd — event explorer' },
  brand: { ar: 'رَصْد', en: 'rasd' },
  tagline: { ar: 'أحداث سياسية من الأخبار العربية', en: 'Political events from Arabic news' },
  search_placeholder: { ar: 'ابحث في النصوص…', en: 'Search the texts…' },
  search: { ar: 'بحث', en: 'Search' },
  reset: { ar: 'مسح المرشحات', en: 'Clear filters' },
  lang_toggle: { ar: 'English', en: 'العربية' },
  f_actor: { ar: 'الفاعل (رمز أو بادئة)', en: 'Actor (code or prefix)' },
  f_country: { ar: 'البلد', en: 'Country' },
  f_root: { ar: 'جذر CAMEO', en: 'CAMEO root' },
  f_plover: { ar: 'نوع PLOVER', en: 'PLOVER type' },
  f_modality: { ar: 'الصيغة', en: 'Modality' },
  f_attribution: { ar: 'الإسناد', en: 'Attribution' },
  f_from: { ar: 'من تاريخ', en: 'From' },
  f_to: { ar: 'إلى تاريخ', en: 'To' },
  f_bbox: { ar: 'نطاق الخريطة', en: 'Map area' },
  f_source: { ar: 'المصدر', en: 'Source' },
  f_target: { ar: 'الهدف', en: 'Target' },
  f_doc: { ar: 'الوثيقة', en: 'Document' },
  any: { ar: 'الكل', en: 'Any' },
  s_documents: { ar: 'وثائق', en: 'Documents' },
  s_events: { ar: 'أحداث', en: 'Events' },
  s_sentences: { ar: 'جمل', en: 'Sentences' },
  s_mentions: { ar: 'إشارات', en: 'Mentions' },
  s_range: { ar: 'الفترة', en: 'Period' },
  s_matching: { ar: 'مطابقة للمرشحات', en: 'Matching filters' },
  s_engine: { ar: 'المحرك', en: 'Engine' },
  p_timeline: { ar: 'الخط الزمني للأحداث', en: 'Event timeline' },
  p_map: { ar: 'الخريطة', en: 'Map' },
  p_network: { ar: 'شبكة الفاعلين', en: 'Actor network' },
  p_table: { ar: 'الأحداث', en: 'Events' },
  p_documents: { ar: 'الوثائق', en: 'Documents' },
  p_documents_q: { ar: 'الوثائق المطابقة لـ «{q}»', en: 'Documents matching “{q}”' },
  no_event_selected: { ar: 'لم يُحدَّد حدث: اختر حدثا من القائمة أو انقر على فعل مظلَّل في النص.', en: 'No event selected: pick one from the list or click a highlighted trigger in the text.' },
  show_doc_events: { ar: 'عرض أحداث هذه الوثيقة في الجدول', en: 'Show this document’s events in the table' },
  by_root: { ar: 'حسب جذر CAMEO', en: 'By CAMEO root' },
  by_quad: { ar: 'حسب الفئة الرباعية', en: 'By quad class' },
  by_plover: { ar: 'حسب نوع PLOVER', en: 'By PLOVER type' },
  day: { ar: 'يومي', en: 'Daily' },
  week: { ar: 'أسبوعي', en: 'Weekly' },
  no_data: { ar: 'لا توجد بيانات', en: 'No data' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  error: { ar: 'خطأ', en: 'Error' },
  c_date: { ar: 'التاريخ', en: 'Date' },
  c_source: { ar: 'المصدر', en: 'Source' },
  c_trigger: { ar: 'الفعل', en: 'Trigger' },
  c_target: { ar: 'الهدف', en: 'Target' },
  c_cameo: { ar: 'رمز CAMEO', en: 'CAMEO' },
  c_modality: { ar: 'الصيغة', en: 'Modality' },
  c_attribution: { ar: 'الإسناد', en: 'Attribution' },
  c_confidence: { ar: 'الثقة', en: 'Confidence' },
  prev: { ar: 'السابق', en: 'Previous' },
  next: { ar: 'التالي', en: 'Next' },
  page_info: { ar: '{from}–{to} من {total}', en: '{from}–{to} of {total}' },
  export_csv: { ar: 'تصدير CSV', en: 'Export CSV' },
  export_jsonl: { ar: 'تصدير JSONL', en: 'Export JSONL' },
  close: { ar: 'إغلاق', en: 'Close' },
  article: { ar: 'المقال', en: 'Article' },
  legend: { ar: 'مفتاح الألوان', en: 'Legend' },
  selected_event: { ar: 'الحدث المحدد', en: 'Selected event' },
  doc_events: { ar: 'أحداث هذه الوثيقة', en: 'Events in this document' },
  published: { ar: 'تاريخ النشر', en: 'Published' },
  outlet: { ar: 'المصدر الإعلامي', en: 'Outlet' },
  link: { ar: 'الرابط', en: 'Link' },
  k_cameo: { ar: 'رمز CAMEO', en: 'CAMEO code' },
  k_root: { ar: 'الجذر', en: 'Root' },
  k_goldstein: { ar: 'مقياس غولدستين', en: 'Goldstein' },
  k_quad: { ar: 'الفئة الرباعية', en: 'Quad class' },
  k_plover: { ar: 'PLOVER', en: 'PLOVER' },
  k_plover_mode: { ar: 'نمط PLOVER', en: 'PLOVER mode' },
  k_modality: { ar: 'الصيغة', en: 'Modality' },
  k_attribution: { ar: 'الإسناد', en: 'Attribution' },
  k_date: { ar: 'تاريخ الحدث', en: 'Event date' },
  k_location: { ar: 'الموقع', en: 'Location' },
  k_confidence: { ar: 'الثقة', en: 'Confidence' },
  k_rule: { ar: 'القاعدة', en: 'Rule' },
  k_source: { ar: 'المصدر', en: 'Source' },
  k_target: { ar: 'الهدف', en: 'Target' },
  k_trigger: { ar: 'الفعل', en: 'Trigger' },
  k_sentence: { ar: 'الجملة', en: 'Sentence' },
  sel_trigger: { ar: 'فعل الحدث المحدد', en: 'Selected trigger' },
  sel_source: { ar: 'مصدر الحدث المحدد', en: 'Selected source' },
  sel_target: { ar: 'هدف الحدث المحدد', en: 'Selected target' },
  events_at: { ar: 'أحداث في {place}', en: 'Events at {place}' },
  filter_here: { ar: 'تصفية حسب هذا الموقع', en: 'Filter to this place' },
  network_hint: { ar: 'انقر على فاعل للتصفية، أو على صلة لعرض أحداثها', en: 'Click an actor to filter, or a link to show its events' },
  map_hint: { ar: 'انقر على نقطة لفتح الحدث أو تصفية الموقع', en: 'Click a point to open its event or filter to the place' },
  goldstein_scale: { ar: 'متوسط غولدستين', en: 'Mean Goldstein' },
  unknown: { ar: 'غير معروف', en: 'unknown' },
  events_n: { ar: '{n} حدث', en: '{n} events' },
};

export function t(lang, key, vars) {
  const entry = LABELS[key];
  let s = entry ? entry[lang] ?? entry.en : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function hasLabel(key) {
  return Object.prototype.hasOwnProperty.call(LABELS, key);
}

export function allLabelKeys() {
  return Object.keys(LABELS);
}

function fromTable(table, lang, key) {
  if (key == null || key === '') return '';
  const e = table[String(key)];
  return e ? e[lang] : String(key);
}

export const rootName = (lang, root) => fromTable(CAMEO_ROOTS, lang, root);
export const quadName = (lang, q) => fromTable(QUAD_CLASSES, lang, q);
export const ploverName = (lang, p) => fromTable(PLOVER_TYPES, lang, p);
export const modalityName = (lang, m) => fromTable(MODALITIES, lang, m);
export const attributionName = (lang, a) => fromTable(ATTRIBUTION_KINDS, lang, a);
export const mentionKindName = (lang, k) => fromTable(MENTION_KINDS, lang, k);
export const precisionName = (lang, p) => fromTable(DATE_PRECISIONS, lang, p);

// Numbers: Arabic UI keeps Western digits (as most Maghreb and news sites do)
// so codes, dates and counts read the same in both languages.
export function fmtNumber(n, digits) {
  if (n == null || Number.isNaN(n)) return '—';
  if (digits != null) return Number(n).toFixed(digits);
  return Number(n).toLocaleString('en-US');
}
