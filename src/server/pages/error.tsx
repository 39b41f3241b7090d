/** @jsxRuntime automatic @jsxImportSource hono/jsx */
// The pragma keeps JSX working when onrecord runs from a directory without this tsconfig.json.
import { Layout } from './layout.js';

export function ErrorPage(props: { code: string; message: string; status: number }) {
  return (
    <Layout title={props.status === 404 ? 'Not found' : 'Error'}>
      <h1>{props.status === 404 ? 'Not found' : 'Something went wrong'}</h1>
      <p class="problem" role="alert">
        {props.message} <code>{props.code}</code>
      </p>
      <p><a href="/">Back to search</a></p>
    </Layout>
  );
}

/** The page for a failed request, callable from non-JSX modules. */
export function errorPage(code: string, message: string, status: number) {
  return <ErrorPage code={code} message={message} status={status} />;
}
