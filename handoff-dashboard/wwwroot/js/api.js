// JSON API calls from the pages: cookie auth, X-CSRF-TOKEN on state-changing calls, ProblemDetails titles as errors.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function csrf() {
  if (!csrfToken) {
    const response = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
    if (response.status === 401) return toLogin();
    csrfToken = (await response.json()).token;
  }
  return csrfToken;
}

function toLogin() {
  location.href = '/login.html?returnUrl=' + encodeURIComponent(location.pathname + location.search);
  return new Promise(() => {});
}

/** Calls the API; resolves to the parsed JSON (or null), rejects with ApiError carrying the server's Chinese message. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-TOKEN'] = await csrf();
  // FormData (a file an agent sends) goes as multipart with the browser's own boundary; anything else as JSON.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  if (response.status === 401) return toLogin();
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 400 && data?.title?.includes('X-CSRF-TOKEN')) csrfToken = null;
    throw new ApiError(response.status, data?.title || `请求失败（${response.status}）`);
  }
  return data;
}

export const conversationPath = id => '/api/conversations/' + encodeURIComponent(id);
