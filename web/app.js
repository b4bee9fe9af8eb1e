// The editor's page: paste or drop an article, choose theme, page size and formats, see the PDF's pages,
// the EPUB's first pages and the structure warraq found, download each format or all three. Talks only
// to this service (POST /v1/build).
import { LANGUAGES, initialLanguage, t } from './i18n.js';
import { eachBlock, inlineText, showEpub, showPdf } from './preview.js';

const $ = (selector) => document.querySelector(selector);
const ARTICLE_EXTENSIONS = /\.(txt|text|md|markdown|html?|json)$/i;
const LIVE_DELAY_MS = 800;

const state = {
  lang: 'ar',
  /** The dropped or chosen article file, if any (its bytes are sent untouched). */
  articleFile: undefined,
  /** Dropped or chosen images, sent with the article. */
  images: [],
  /** The last build's documents: format → { blob, filename }. */
  documents: new Map(),
  stem: 'article',
  /** Counts builds, so that only the latest one draws. */
  generation: 0,
  timer: undefined,
  lastModel: undefined,
  lastWarnings: [],
};

function applyLanguage(lang) {
  state.lang = lang;
  const { dir } = LANGUAGES[lang];
  document.documentElement.lang = lang;
  document.documentElement.dir = dir;
  document.title = t(lang, 'title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(lang, element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(lang, element.dataset.i18nLabel));
  $('#ui-lang').value = lang;
  try {
    localStorage.setItem('warraq-ui', lang);
  } catch {
    // Storage may be off; the choice then lasts for this page only.
  }
  if (state.lastModel) showStructure(state.lastModel, state.lastWarnings);
}

function setStatus(text, kind = '') {
  const status = $('#status');
  status.textContent = text;
  status.dataset.kind = kind;
}

function chosenFormats() {
  return [...document.querySelectorAll('input[name="format"]:checked')].map((input) => input.value);
}

/** The reader for pasted text, when the editor leaves it to the page. */
function guessInput(text) {
  const start = text.trimStart();
  if (start.startsWith('{')) return 'json';
  if (/^<(!doctype|html|head|body|article|div|p|h[1-6])\b/i.test(start)) return 'html';
  if (/^---\r?\n/.test(start) || /^#{1,6}\s/m.test(text) || /!?\[[^\]]*\]\([^)]+\)/.test(text)) return 'md';
  return 'txt';
}

const BODY_TYPES = { txt: 'text/plain', md: 'text/markdown', html: 'text/html', json: 'application/json' };

/** The request for the current article: raw text, or a form when files come with it. */
function articleRequest() {
  const text = $('#article').value;
  const chosen = $('#input').value;
  if (!state.articleFile && state.images.length === 0) {
    if (text.trim() === '') return undefined;
    const input = chosen || guessInput(text);
    return { body: text, type: `${BODY_TYPES[input]}; charset=utf-8`, input: chosen };
  }
  const form = new FormData();
  if (state.articleFile) form.append('article', state.articleFile, state.articleFile.name);
  else if (text.trim() !== '') {
    const input = chosen || guessInput(text);
    form.append('article', new Blob([text], { type: BODY_TYPES[input] }), `article.${input}`);
  } else return undefined;
  for (const image of state.images) form.append('image', image, image.name);
  return { body: form, input: chosen };
}

function query(formats, input) {
  const params = new URLSearchParams({ format: formats.join(',') });
  if (input) params.set('input', input);
  if ($('#template').value) params.set('template', $('#template').value);
  if ($('#page-size').value) params.set('page-size', $('#page-size').value);
  params.set('name', state.stem);
  return params.toString();
}

async function post(formats, json) {
  const request = articleRequest();
  if (!request) return undefined;
  const headers = { accept: json ? 'application/json' : '*/*' };
  if (request.type) headers['content-type'] = request.type;
  return fetch(`/v1/build?${query(formats, request.input)}`, { method: 'POST', headers, body: request.body });
}

async function failure(response) {
  try {
    const { error } = await response.json();
    return error.message;
  } catch {
    return `HTTP ${response.status}`;
  }
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function build() {
  clearTimeout(state.timer);
  const generation = ++state.generation;
  const isCurrent = () => generation === state.generation;
  const formats = chosenFormats();
  if (!articleRequest()) {
    setStatus(t(state.lang, 'empty'));
    return;
  }
  if (formats.length === 0) return;
  setStatus(t(state.lang, 'building'), 'busy');
  document.body.dataset.state = 'building';
  let response;
  try {
    response = await post(formats, true);
  } catch (error) {
    if (isCurrent()) setStatus(t(state.lang, 'failed', { message: error.message }), 'error');
    return;
  }
  if (!isCurrent() || !response) return;
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after')) || 1;
    setStatus(t(state.lang, 'busy', { seconds }), 'error');
    state.timer = setTimeout(build, seconds * 1000);
    return;
  }
  if (!response.ok) {
    setStatus(t(state.lang, 'failed', { message: await failure(response) }), 'error');
    document.body.dataset.state = 'failed';
    return;
  }
  const envelope = await response.json();
  if (!isCurrent()) return;
  state.documents = new Map(envelope.documents.map((d) => [d.format, { blob: new Blob([fromBase64(d.base64)], { type: d.contentType }), filename: d.filename }]));
  for (const button of document.querySelectorAll('[data-download]')) {
    button.disabled = button.dataset.download === 'all' ? false : !state.documents.has(button.dataset.download);
  }
  showStructure(envelope.article, envelope.warnings);
  let pages = 0;
  const pdf = state.documents.get('pdf');
  if (pdf) {
    pages = await showPdf(new Uint8Array(await pdf.blob.arrayBuffer()), {
      view: $('#page-view'),
      thumbnails: $('#thumbnails'),
      label: (n, total) => t(state.lang, 'page', { n, total }),
      isCurrent,
    });
  } else {
    $('#page-view').replaceChildren(message(t(state.lang, 'noPdf')));
    $('#thumbnails').replaceChildren();
  }
  const epub = state.documents.get('epub');
  if (epub) await showEpub(new Uint8Array(await epub.blob.arrayBuffer()), { container: $('#epub-pages'), label: (n) => t(state.lang, 'epubPage', { n }), isCurrent });
  else $('#epub-pages').replaceChildren(message(t(state.lang, 'noEpub')));
  if (!isCurrent()) return;
  document.body.dataset.state = 'built';
  document.body.dataset.hasPreview = 'true';
  setStatus(t(state.lang, 'built', { pages, warnings: envelope.warnings.length }), 'done');
}

function message(text, tag = 'p') {
  const element = document.createElement(tag);
  element.className = 'note';
  element.textContent = text;
  return element;
}

function showStructure(article, warnings) {
  state.lastModel = article;
  state.lastWarnings = warnings;
  const { lang } = state;
  const meta = $('#meta');
  meta.replaceChildren();
  const row = (key, value) => {
    if (!value) return;
    const dt = document.createElement('dt');
    dt.textContent = t(lang, key);
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dir = 'auto';
    meta.append(dt, dd);
  };
  row('metaTitle', article.meta.title);
  row('metaSubtitle', article.meta.subtitle);
  row('metaAuthors', (article.meta.authors || []).join('، '));
  row('metaDate', article.meta.date);
  row('metaLanguage', `${article.meta.lang} · ${article.meta.dir}`);
  const headings = $('#headings');
  headings.replaceChildren();
  const counts = new Map();
  for (const block of eachBlock(article.blocks)) {
    counts.set(block.type, (counts.get(block.type) || 0) + 1);
    if (block.type !== 'heading') continue;
    const item = document.createElement('li');
    item.className = `level-${block.level}`;
    item.dataset.level = String(block.level);
    item.dir = 'auto';
    item.textContent = inlineText(block.children);
    headings.append(item);
  }
  if (!headings.children.length) headings.append(message(t(lang, 'noHeadings'), 'li'));
  const names = t(lang, 'counts');
  $('#block-counts').textContent = [...counts].map(([type, n]) => `${n} ${names[type] || type}`).join(' · ');
  const list = $('#warnings');
  list.replaceChildren();
  for (const warning of warnings) {
    const item = document.createElement('li');
    item.dir = 'auto';
    item.textContent = warning;
    list.append(item);
  }
  if (!warnings.length) list.append(message(t(lang, 'noWarnings'), 'li'));
}

function save(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function download(format) {
  if (format !== 'all') {
    const document_ = state.documents.get(format);
    if (document_) save(document_.blob, document_.filename);
    return;
  }
  const response = await post(['pdf', 'epub', 'docx'], false);
  if (!response) return;
  if (!response.ok) {
    setStatus(t(state.lang, 'failed', { message: await failure(response) }), 'error');
    return;
  }
  save(await response.blob(), `${state.stem}.zip`);
}

function addFiles(files) {
  for (const file of files) {
    if (ARTICLE_EXTENSIONS.test(file.name)) {
      state.articleFile = file;
      state.stem = file.name.replace(/\.[^.]*$/, '') || 'article';
    } else if (file.type.startsWith('image/') || /\.(png|jpe?g|gif|webp|svg)$/i.test(file.name)) {
      state.images = [...state.images.filter((image) => image.name !== file.name), file];
    }
  }
  showFiles();
  void build();
}

function showFiles() {
  const list = $('#file-list');
  list.replaceChildren();
  const files = [...(state.articleFile ? [[state.articleFile, 'fileArticle']] : []), ...state.images.map((image) => [image, 'fileImage'])];
  for (const [file, kind] of files) {
    const item = document.createElement('li');
    item.dir = 'auto';
    item.textContent = `${file.name} (${t(state.lang, kind)})`;
    list.append(item);
  }
  $('#clear-files').hidden = files.length === 0;
  $('#article').disabled = Boolean(state.articleFile);
}

function schedule() {
  clearTimeout(state.timer);
  if ($('#live').checked) state.timer = setTimeout(build, LIVE_DELAY_MS);
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const choose = (tab, focus) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
    }
    if (focus) tab.focus();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => choose(tab, false));
    tab.addEventListener('keydown', (event) => {
      const forward = document.documentElement.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
      const backward = document.documentElement.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
      const at = tabs.indexOf(tab);
      const next = event.key === forward ? tabs[(at + 1) % tabs.length] : event.key === backward ? tabs[(at - 1 + tabs.length) % tabs.length] : event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs.at(-1) : undefined;
      if (next) {
        event.preventDefault();
        choose(next, true);
      }
    });
  }
}

function start() {
  const themes = (document.body.dataset.themes || 'default').split(',').filter(Boolean);
  $('#template').replaceChildren(...themes.map((name) => new Option(name, name, name === 'default', name === 'default')));
  let stored;
  try {
    stored = localStorage.getItem('warraq-ui');
  } catch {
    stored = undefined;
  }
  applyLanguage(initialLanguage(new URLSearchParams(location.search).get('ui'), stored));
  $('#ui-lang').addEventListener('change', (event) => applyLanguage(event.target.value));
  $('#article').addEventListener('input', schedule);
  for (const select of ['#input', '#template', '#page-size']) $(select).addEventListener('change', () => void build());
  for (const box of document.querySelectorAll('input[name="format"]')) box.addEventListener('change', () => void build());
  $('#build').addEventListener('click', () => void build());
  for (const button of document.querySelectorAll('[data-download]')) button.addEventListener('click', () => void download(button.dataset.download));
  $('#choose-files').addEventListener('click', () => $('#files').click());
  $('#files').addEventListener('change', (event) => addFiles([...event.target.files]));
  $('#clear-files').addEventListener('click', () => {
    state.articleFile = undefined;
    state.images = [];
    state.stem = 'article';
    $('#files').value = '';
    showFiles();
  });
  const drop = $('#drop');
  for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (event) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      drop.dataset.over = 'true';
    });
  }
  document.addEventListener('dragleave', () => delete drop.dataset.over);
  document.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.files.length) return;
    event.preventDefault();
    delete drop.dataset.over;
    addFiles([...event.dataTransfer.files]);
  });
  setUpTabs();
  document.body.dataset.ready = 'true';
}

start();
