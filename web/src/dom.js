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

// Latin codes (DZAMIL, 0212) keep LTR inside RTL chrome.
export function code(text, attrs = {}) {
  return el('bdi', { class: 'code', dir: 'ltr', ...attrs }, text ?? '');
}
