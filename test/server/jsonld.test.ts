import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { quotation } from '../../src/store/jsonld.js';
import type { Store } from '../../src/types.js';
import { backends } from '../store/backends.js';
import { record } from './fixtures.js';

type Node = Record<string, any>;

const board = { name: 'Vellmouth Water Board', type: 'organization' as const };
const tarnby = { name: 'Tarnby', type: 'place' as const };
const aske = { name: 'Runa Aske', aliases: ['Aske'] };

for (const backend of backends()) {
  describe(`JSON-LD on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: Hono;
    before(async () => {
      store = await backend.open();
      await store.putArticle(record({
        url: 'https://courier.example/pipes', title: 'Pipes', outlet: 'Vellmouth Courier', published: '2026-04-02',
        text: '"The Vellmouth Water Board must replace the pipes," Runa Aske said.\nThe pipes in Tarnby are old, the Vellmouth Water Board said.',
        people: [aske, board, tarnby],
        statements: [
          { text: 'The Vellmouth Water Board must replace the pipes', speaker: 'Runa Aske', via: 'Harbour Radio' },
          { text: 'The pipes in Tarnby are old', speaker: 'Vellmouth Water Board', type: 'indirect' },
        ],
      }));
      app = createApp(store, { rateLimit: false });
    });
    after(() => store.close());

    test('every node has an @id; organisations and places are typed; reported speech is not a quotation', async () => {
      const res = await app.request('/api/statements.jsonld?order=asc');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/ld\+json/);
      const doc = (await res.json()) as Node;
      assert.equal(doc['@context'], 'https://schema.org');
      const nodes: Node[] = [];
      const walk = (n: unknown) => {
        if (Array.isArray(n)) return n.forEach(walk);
        if (!n || typeof n !== 'object') return;
        nodes.push(n as Node);
        for (const [k, v] of Object.entries(n)) if (!k.startsWith('@')) walk(v);
      };
      walk(doc['@graph']);
      for (const n of nodes) assert.match(String(n['@id']), /^(http:\/\/localhost\/|https:\/\/courier)/, JSON.stringify(n));
      const [direct, reported] = doc['@graph'] as Node[];
      assert.equal(direct!['@type'], 'Quotation');
      assert.equal(direct!.genre, 'direct quote');
      assert.equal(reported!['@type'], 'CreativeWork');
      assert.equal(reported!.genre, 'reported speech');
      assert.equal(direct!['@id'], `http://localhost/statements/${encodeURIComponent((await store.statements({ order: 'asc' })).items[0]!.id)}`);
      assert.equal(reported!.creator['@type'], 'Organization', 'an organisation that speaks is typed so');
      assert.equal(reported!.creator.name, 'Vellmouth Water Board');
      assert.equal(direct!.creator['@type'], 'Person');
      assert.deepEqual(direct!.mentions.map((m: Node) => [m.name, m['@type']]), [['Vellmouth Water Board', 'Organization']]);
      assert.deepEqual(reported!.mentions.map((m: Node) => [m.name, m['@type']]), [['Tarnby', 'Place']]);
      assert.equal(direct!.mentions[0]['@id'], reported!.creator['@id'], 'one entity, one id across statements');
      assert.equal(direct!.contributor.name, 'Harbour Radio', 'via is kept');
      assert.equal(direct!.isBasedOn.publisher['@type'], 'Organization');
      assert.equal(direct!.isBasedOn.url, 'https://courier.example/pipes');
    });

    test('filters and next links work as on /api/statements', async () => {
      await store.putArticle(record({
        url: 'https://courier.example/council', outlet: 'Vellmouth Courier', published: '2026-04-03',
        text: '"Fix it now," Runa Aske said.', people: [aske], statements: [{ text: 'Fix it now', speaker: 'Runa Aske' }],
      }));
      const one = (await (await app.request('/api/statements.jsonld?q=fix')).json()) as Node;
      assert.equal(one['@graph'].length, 1);
      const paged = (await (await app.request('/api/statements.jsonld?limit=1&order=asc')).json()) as Node;
      assert.match(paged.next, /\/api\/statements\.jsonld\?.*cursor=/);
    });
  });
}

test('the addressee is kept as the audience; without a server address ids are URNs', () => {
  const node = quotation({
    kind: 'stored-statement', id: 's1', articleId: 'sha256:abc', utteranceId: 'u1', type: 'direct', text: 'Vote no', start: 0, end: 7,
    speaker: { name: 'Runa Aske', mention: 'Aske', entityId: 'e1', kbId: null }, cue: 'told', addressee: 'the harbour council',
  });
  assert.equal(node['@id'], 'urn:onrecord:statement:s1');
  assert.deepEqual(node.audience, { '@id': 'urn:onrecord:statement:s1#addressee', '@type': 'Audience', name: 'the harbour council' });
  assert.equal((node.creator as Node)['@id'], 'urn:onrecord:statement:s1#speaker', 'an unresolved speaker is a node of its statement');
  assert.equal((node.isBasedOn as Node)['@id'], 'urn:onrecord:article:sha256%3Aabc');
});
