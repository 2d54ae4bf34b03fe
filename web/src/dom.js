// Small DOM helpers.

// el('div', {class: 'x', dataset: {a: 1}, onclick: fn}, child, 'text', ...)
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'text') node.textContent = v;
    // Through the CSSOM, not a style attribute: the server's Content-Security-Policy
    // (style-src 'self', docs/security.md) blocks inline style attributes.
    else if (k === 'style') node.style.cssText = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(node, c);
    else node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// Arabic text from the corpus keeps its own direction whatever the UI language.
export function arText(text, tag = 'span', attrs = {}) {
  return el(tag, { dir: 'rtl', lang: 'ar', ...attrs }, text ?? '');
}

// A link target taken from article data, or null: only absolute http(s) URLs,
// so a stored `javascript:` or `data:` URL can never become a clickable script.
export function safeHref(url) {
  if (typeof url !== 'string' || !url.trim()) return null;
  let u;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
}

// Latin codes (DZAMIL, 0212) keep LTR inside RTL chrome.
export function code(text, attrs = {}) {
  return el('bdi', { class: 'code', dir: 'ltr', ...attrs }, text ?? '');
}
