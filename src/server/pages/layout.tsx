/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

/** The frame of every page: one small stylesheet, no script. */
export function Layout(props: { title: string; children?: Child; q?: string }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${props.title} · onrecord`}</title>
          <link rel="stylesheet" href="/style.css" />
          <link rel="icon" href="data:," />
        </head>
        <body>
          <header class="top">
            <a class="brand" href="/">onrecord</a>
            <nav>
              <a href="/">Search</a>
              <a href="/speakers">Speakers</a>
              <a href="/entities">Entities</a>
              <a href="/articles">Articles</a>
              <a href="/utterances">Quotes</a>
              <a href="/overview">Overview</a>
              <a href="/changes">Changes</a>
              <a href="/openapi.json">API</a>
            </nav>
          </header>
          <main>{props.children}</main>
        </body>
      </html>
    </>
  );
}
