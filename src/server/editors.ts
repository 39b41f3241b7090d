import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { OnrecordError } from '../errors.js';

/**
 * Who may edit: editors named by token (`ONRECORD_EDITOR_TOKENS=name:token,...` or a file of `name:token`
 * lines). Tokens are compared as digests in constant time and every editor is compared, so neither the time
 * taken nor the order says which part matched. A signed-in browser holds `name.mac` in an HttpOnly cookie
 * (the token itself never leaves the sign-in form); every form it posts carries a CSRF token derived from it.
 */

export const SESSION_COOKIE = 'onrecord_editor';
/** Shortest token accepted: a short one could be guessed through the sign-in form. */
export const MIN_TOKEN_CHARS = 16;
/** Most editors one configuration names. */
export const MAX_EDITORS = 1000;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

export interface Editor {
  readonly name: string;
  /** Signed in with the cookie (forms need the CSRF token), else a bearer token (the API). */
  readonly viaCookie: boolean;
  readonly csrf: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const mac = (token: string, purpose: string) => createHmac('sha256', token).update(purpose).digest('base64url');
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

export class Editors {
  private constructor(private readonly tokens: ReadonlyMap<string, string>) {}

  /** `name:token` pairs separated by commas or new lines; `where` names the source in errors. */
  static parse(text: string, where: string): Editors {
    const tokens = new Map<string, string>();
    const lines = text.split(/[,\n]/);
    lines.forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const at = line.indexOf(':');
      const name = line.slice(0, at).trim();
      const token = line.slice(at + 1).trim();
      const place = `${where}${lines.length > 1 ? ` entry ${i + 1}` : ''}`;
      if (at < 1 || !NAME.test(name)) throw new OnrecordError('ONR_ERR_OPTION', `${place}: expected name:token, with a name of letters, digits, space, . _ -`);
      if (token.length < MIN_TOKEN_CHARS) throw new OnrecordError('ONR_ERR_OPTION', `${place}: the token of ${name} is shorter than ${MIN_TOKEN_CHARS} characters`);
      if (tokens.has(name)) throw new OnrecordError('ONR_ERR_OPTION', `${place}: ${name} is named twice`);
      tokens.set(name, token);
    });
    if (tokens.size > MAX_EDITORS) throw new OnrecordError('ONR_ERR_OPTION', `${where}: more than ${MAX_EDITORS} editors`);
    if (!tokens.size) throw new OnrecordError('ONR_ERR_OPTION', `${where}: no editor named`);
    return new Editors(tokens);
  }

  /** From ONRECORD_EDITOR_TOKENS, else the file ONRECORD_EDITOR_TOKENS_FILE names; undefined (editing off) without either. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): Editors | undefined {
    if (env.ONRECORD_EDITOR_TOKENS?.trim()) return Editors.parse(env.ONRECORD_EDITOR_TOKENS, 'ONRECORD_EDITOR_TOKENS');
    const file = env.ONRECORD_EDITOR_TOKENS_FILE?.trim();
    if (!file) return undefined;
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (error) {
      throw new OnrecordError('ONR_ERR_READ', `ONRECORD_EDITOR_TOKENS_FILE ${file}: ${(error as Error).message}`);
    }
    return Editors.parse(text, file);
  }

  /** The editor a token belongs to: every editor compared, so timing tells nothing. */
  byToken(token: string): string | undefined {
    let found: string | undefined;
    for (const [name, t] of this.tokens) if (same(token, t) && !found) found = name;
    return found;
  }

  session(name: string): string {
    return `${encodeURIComponent(name)}.${mac(this.tokens.get(name)!, 'session')}`;
  }

  bySession(cookie: string): string | undefined {
    const dot = cookie.lastIndexOf('.');
    let name: string;
    try { name = decodeURIComponent(cookie.slice(0, dot)); } catch { return undefined; }
    const token = this.tokens.get(name);
    return token && same(cookie.slice(dot + 1), mac(token, 'session')) ? name : undefined;
  }

  csrf(name: string): string {
    return mac(this.tokens.get(name)!, 'csrf');
  }

  /** Who sends the request: a bearer token first, else the sign-in cookie. */
  of(c: Context): Editor | undefined {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      const name = this.byToken(bearer);
      return name ? { name, viaCookie: false, csrf: this.csrf(name) } : undefined;
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    const name = cookie ? this.bySession(cookie) : undefined;
    return name ? { name, viaCookie: true, csrf: this.csrf(name) } : undefined;
  }

  signIn(c: Context, name: string): void {
    setCookie(c, SESSION_COOKIE, this.session(name), {
      httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:', maxAge: 60 * 60 * 12,
    });
  }
}

export function signOut(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

/**
 * The editor allowed to make this request, or the error that refuses it: editing off (403), nobody signed in
 * (401), a form without its CSRF token (403). A bearer token needs no CSRF token: a browser never sends one by itself.
 */
export function requireEditor(c: Context, editors: Editors | undefined, csrf?: string): Editor {
  if (!editors) throw new OnrecordError('ONR_ERR_HTTP_DISABLED', 'editing is off; start the server with ONRECORD_EDITOR_TOKENS or ONRECORD_EDITOR_TOKENS_FILE');
  const editor = editors.of(c);
  if (!editor) {
    c.header('WWW-Authenticate', 'Bearer realm="onrecord editors"');
    throw new OnrecordError('ONR_ERR_HTTP_UNAUTHORIZED', 'sign in at /sign-in, or send "Authorization: Bearer <editor token>"');
  }
  if (editor.viaCookie && !(csrf && same(csrf, editor.csrf))) throw new OnrecordError('ONR_ERR_HTTP_CSRF');
  return editor;
}
