// ISO 3166-1 alpha-3 codes the Arabic press names most, with Arabic and English
// names: offered as suggestions in the country filter and used to label codes.
// Codes not listed here are shown as they are.
export const COUNTRIES = {
  DZA: { ar: 'الجزائر', en: 'Algeria' },
  BHR: { ar: 'البحرين', en: 'Bahrain' },
  COM: { ar: 'جزر القمر', en: 'Comoros' },
  DJI: { ar: 'جيبوتي', en: 'Djibouti' },
  EGY: { ar: 'مصر', en: 'Egypt' },
  IRQ: { ar: 'العراق', en: 'Iraq' },
  JOR: { ar: 'الأردن', en: 'Jordan' },
  KWT: { ar: 'الكويت', en: 'Kuwait' },
  LBN: { ar: 'لبنان', en: 'Lebanon' },
  LBY: { ar: 'ليبيا', en: 'Libya' },
  MRT: { ar: 'موريتانيا', en: 'Mauritania' },
  MAR: { ar: 'المغرب', en: 'Morocco' },
  OMN: { ar: 'عُمان', en: 'Oman' },
  PSE: { ar: 'فلسطين', en: 'Palestine' },
  QAT: { ar: 'قطر', en: 'Qatar' },
  SAU: { ar: 'السعودية', en: 'Saudi Arabia' },
  SOM: { ar: 'الصومال', en: 'Somalia' },
  SDN: { ar: 'السودان', en: 'Sudan' },
  SYR: { ar: 'سوريا', en: 'Syria' },
  TUN: { ar: 'تونس', en: 'Tunisia' },
  ARE: { ar: 'الإمارات', en: 'United Arab Emirates' },
  YEM: { ar: 'اليمن', en: 'Yemen' },
  ESH: { ar: 'الصحراء الغربية', en: 'Western Sahara' },
  ISR: { ar: 'إسرائيل', en: 'Israel' },
  IRN: { ar: 'إيران', en: 'Iran' },
  TUR: { ar: 'تركيا', en: 'Turkey' },
  MLI: { ar: 'مالي', en: 'Mali' },
  NER: { ar: 'النيجر', en: 'Niger' },
  TCD: { ar: 'تشاد', en: 'Chad' },
  NGA: { ar: 'نيجيريا', en: 'Nigeria' },
  ETH: { ar: 'إثيوبيا', en: 'Ethiopia' },
  SSD: { ar: 'جنوب السودان', en: 'South Sudan' },
  AFG: { ar: 'أفغانستان', en: 'Afghanistan' },
  PAK: { ar: 'باكستان', en: 'Pakistan' },
  USA: { ar: 'الولايات المتحدة', en: 'United States' },
  RUS: { ar: 'روسيا', en: 'Russia' },
  CHN: { ar: 'الصين', en: 'China' },
  FRA: { ar: 'فرنسا', en: 'France' },
  GBR: { ar: 'المملكة المتحدة', en: 'United Kingdom' },
  DEU: { ar: 'ألمانيا', en: 'Germany' },
  ITA: { ar: 'إيطاليا', en: 'Italy' },
  ESP: { ar: 'إسبانيا', en: 'Spain' },
  GRC: { ar: 'اليونان', en: 'Greece' },
  MLT: { ar: 'مالطا', en: 'Malta' },
};

export function countryName(lang, code) {
  if (!code) return '';
  const c = COUNTRIES[String(code).slice(0, 3).toUpperCase()];
  return c ? c[lang] : String(code);
}
