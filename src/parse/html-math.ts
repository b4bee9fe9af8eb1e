// Math on saved pages → its TeX. Pages carry a formula as MathML beside a picture of it: KaTeX's hidden
// <math> beside its glyph spans, Wikipedia's hidden <math> beside an image whose alt text is the TeX,
// MathJax 2's <script type="math/tex"> beside its rendering, MathJax 3's assistive <math>. The pictures
// are aria-hidden and the MathML often display:none, so the cleaner would drop both: before it runs each
// formula becomes one plain <math> holding its TeX, display="block" when it is set on a line of its own.
import { all, collapse, type DomDocument, type DomElement } from './html-dom.js';

/** Wikipedia wraps each formula's TeX as "{\displaystyle …}" (or \textstyle) to fix its size. */
const STYLE_WRAPPER = /^\{\\(?:display|text)style\s*([\s\S]*)\}$/;

const TEX_ANNOTATION = 'annotation[encoding="application/x-tex"], annotation[encoding="TeX"]';

/** The TeX of a <math> element: its TeX annotation, else its alttext, else its text as read. */
export function mathTex(math: DomElement): string {
  const source = math.querySelector(TEX_ANNOTATION)?.textContent ?? math.getAttribute('alttext') ?? math.textContent ?? '';
  return unwrapStyle(collapse(source));
}

/** Whether a <math> element is set on a line of its own. */
export function isDisplayMath(math: DomElement): boolean {
  return math.getAttribute('display') === 'block';
}

/** Each formula on the page, whatever wrote it, as one <math> with its TeX; the pictures of it go. */
export function normalizeMath(doc: DomDocument, body: DomElement): void {
  // Wikipedia: <span class="mwe-math-element"> holding the hidden MathML and the fallback image.
  for (const el of all(body, '.mwe-math-element')) {
    const math = el.querySelector('math');
    const img = el.querySelector('img');
    const tex = math ? mathTex(math) : unwrapStyle(collapse(img?.getAttribute('alt') ?? ''));
    const display = el.querySelector('.mwe-math-mathml-display, .mwe-math-fallback-image-display, math[display="block"]') !== null;
    el.replaceWith(texMath(doc, tex, display));
  }
  // KaTeX: <span class="katex"> holding .katex-mathml (the MathML with its TeX) and .katex-html (glyphs).
  for (const el of all(body, '.katex')) {
    const math = el.querySelector('math');
    const display = el.closest('.katex-display') !== null || (math !== null && isDisplayMath(math));
    el.replaceWith(texMath(doc, math ? mathTex(math) : '', display));
  }
  // MathJax 2: the TeX in a script after the rendering (a preview and a frame) it replaced.
  for (const el of all(body, '.MathJax_Preview, [id^="MathJax-Element-"][id$="-Frame"], .MathJax_Display')) el.remove();
  for (const script of all(body, 'script[type^="math/tex"]')) {
    script.replaceWith(texMath(doc, collapse(script.textContent ?? ''), /mode\s*=\s*display/.test(script.getAttribute('type') ?? '')));
  }
  // MathJax 3: <mjx-container> holding CSS-drawn glyphs and an assistive <math> (its text; no TeX kept).
  for (const el of all(body, 'mjx-container')) {
    const math = el.querySelector('mjx-assistive-mml math, math');
    el.replaceWith(texMath(doc, math ? mathTex(math) : '', el.getAttribute('display') === 'true'));
  }
}

/** A plain <math> holding only its TeX; empty TeX leaves an empty element, which reads as nothing. */
function texMath(doc: DomDocument, tex: string, display: boolean): DomElement {
  const math = doc.createElement('math');
  if (display) math.setAttribute('display', 'block');
  const annotation = doc.createElement('annotation');
  annotation.setAttribute('encoding', 'application/x-tex');
  annotation.textContent = tex;
  math.append(annotation);
  return math;
}

function unwrapStyle(tex: string): string {
  return (STYLE_WRAPPER.exec(tex)?.[1] ?? tex).trim();
}
