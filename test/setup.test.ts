import { test } from 'node:test';
import assert from 'node:assert/strict';

// In CI every storage and queue test must run against real servers, never skip silently.
test('CI provides the PostgreSQL and Redis servers the backend tests need', { skip: process.env.CI !== 'true' }, () => {
  assert.match(process.env.TEST_DATABASE_URL ?? '', /^postgres:\/\//);
  assert.match(process.env.TEST_REDIS_URL ?? '', /^redis:\/\//);
});
