// How a file shows in the agent's pages, wherever it comes from: a transcript line's attachment ({ name, contentType, size,
// url, thumbnailUrl }, signed by the dashboard), an intake summary's photo ({ name, contentType, contentUrl, thumbnailUrl }) or a
// canned reply's attachment. Pictures as thumbnails that open the full image in a new tab; other files (PDF) as a link; a file
// without a URL (no signing key configured) as its name. Names are text, never HTML; URLs are only http(s).
import { el } from './dom.js';

/** Only web addresses (http/https, or a path on this site's origin): never javascript:, data: or file:. */
export function safeUrl(value) {
  if (typeof value !== 'string' || !value) return null;
  try {
    const url = new URL(value, location.origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch { return null; }
}

export function sizeLabel(bytes) {
  if (typeof bytes !== 'number' || !(bytes > 0)) return '';
  return bytes >= 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

function fileLabel(a) {
  const size = sizeLabel(a.size);
  return (a.name || '附件') + (size ? `（${size}）` : '');
}

/** One file: a thumbnail link, a file link, or its name. */
export function attachmentItem(a) {
  const name = a.name || '附件';
  const href = safeUrl(a.url || a.contentUrl);
  if (!href) return el('span', { className: 'attachment-file', text: fileLabel(a) });
  const link = el('a', { className: 'attachment', attrs: { href, target: '_blank', rel: 'noopener noreferrer', title: name } });
  const isImage = typeof a.contentType === 'string' && a.contentType.startsWith('image/');
  const thumbnail = safeUrl(a.thumbnailUrl) || (isImage ? href : null);
  if (thumbnail) link.append(el('img', { className: 'attachment-thumbnail', attrs: { src: thumbnail, alt: name, loading: 'lazy', referrerpolicy: 'no-referrer' } }));
  else link.append(el('span', { className: 'attachment-file', text: fileLabel(a) }));
  return link;
}

/** The files of a line, a summary or a canned reply; null when there are none. */
export function attachmentList(attachments) {
  if (!attachments?.length) return null;
  return el('div', { className: 'attachments' }, ...attachments.map(attachmentItem));
}
