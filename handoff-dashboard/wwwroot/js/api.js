// The one way the pages call the dashboard's API: cookie auth, the X-CSRF-TOKEN header on every state-changing
// call (Auth/ApiAntiforgery refuses those without it), JSON or FormData bodies, the sign-in page on 401, and the
// server's Chinese problem text (title and field errors) as the error message.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message, data) {
    super(message);
    this.status = status;
    this.data = data;
  }
}

const SAFE = new Set(['GET', 'HEAD']);

async function csrf() {
  if (!csrfToken) {
    const response = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
    if (response.status === 401) return toLogin();
    if (!response.ok) throw new ApiError(response.status, problemText(null, response.status), null);
    csrfToken = (await response.json()).token;
  }
  return csrfToken;
}

function toLogin() {
  location.href = '/login.html?returnUrl=' + encodeURIComponent(location.pathname + location.search);
  return new Promise(() => {});
}

/** The text to show for a failed call: the problem's field errors (or import line errors) if any, else its title. */
export function problemText(data, status) {
  if (data && typeof data === 'object') {
    const lines = [];
    if (Array.isArray(data.errors)) {
      for (const e of data.errors) lines.push((e.line ? '第 ' + e.line + ' 行：' : '') + e.reason);
    } else if (data.errors && typeof data.errors === 'object') {
      for (const messages of Object.values(data.errors)) for (const m of messages) lines.push(m);
    }
    // ASP.NET Core's generic English title for validation problems says nothing the field errors do not.
    if (data.title && !(lines.length && /^One or more validation errors/.test(data.title))) lines.unshift(data.title);
    if (lines.length) return lines.join('\n');
  }
  if (status === 403) return '没有权限进行这个操作。';
  return `请求失败（${status}），请稍后再试。`;
}

/**
 * Calls the API; resolves to the parsed JSON (or null for an empty answer), rejects with an ApiError carrying the
 * status, the server's message and its problem document. `anonymous`: the sign-in call (no token, a 401 is an answer).
 */
export async function api(path, { method = 'GET', body, anonymous = false } = {}) {
  if (typeof path !== 'string' || /^(GET|POST|PUT|PATCH|DELETE)$/.test(path)) throw new TypeError('api(path, { method, body })');
  method = method.toUpperCase();
  const headers = { Accept: 'application/json' };
  if (!SAFE.has(method) && !anonymous) headers['X-CSRF-TOKEN'] = await csrf();
  // FormData (a file) goes as multipart with the browser's own boundary, a Blob as itself, anything else as JSON.
  const raw = body instanceof FormData || body instanceof Blob;
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
  });
  if (response.status === 401 && !anonymous) return toLogin();
  const text = await response.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = text; } }
  if (!response.ok) {
    // The token is tied to the session: after a new sign-in the old one is refused once, then fetched again.
    if (response.status === 400 && typeof data?.title === 'string' && data.title.includes('X-CSRF-TOKEN')) csrfToken = null;
    throw new ApiError(response.status, problemText(data, response.status), data);
  }
  return data;
}

export const conversationPath = id => '/api/conversations/' + encodeURIComponent(id);
