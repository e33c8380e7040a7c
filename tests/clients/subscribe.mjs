// Usage: node subscribe.mjs <graphql url> <bearer token> [options]
//   --query <subscription>    the subscription (default: needChanged with $community, $street, $after)
//   --variables <json>        its variables (default {})
//   --count <n>               exit 0 after n events (default 1)
//   --linger-ms <ms>          after the n-th event, go on listening this long and print what else
//                             comes (default 0), so a caller can check that nothing more arrives
//   --timeout-ms <ms>         exit 3 if the n events have not all come by then (default 10000)
// graphql-ws, the reference client of the graphql-transport-ws protocol, subscribes over ws (Node's
// WebSocket) with the token in connection_init's payload ({Authorization: "Bearer <token>"}). Prints
// JSON lines on stdout: {"connected": true} once the server acknowledged the connection, then each
// event's data (e.g. {"needChanged": {...}}) as it arrives. A GraphQL error, a refused connection or
// a close is printed on stderr and exits with 1.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const NEED_CHANGED = `subscription ($community: ID, $street: ID, $after: ID) {
  needChanged(communityId: $community, streetId: $street, after: $after) {
    id at action need { id title status community { id } }
  }
}`;

const [url, token, ...rest] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: node subscribe.mjs <graphql url> <bearer token> [--query Q] [--variables JSON] '
    + '[--count N] [--linger-ms MS] [--timeout-ms MS]');
  process.exit(2);
}
const options = { query: NEED_CHANGED, variables: '{}', count: '1', 'linger-ms': '0', 'timeout-ms': '10000' };
for (let i = 0; i < rest.length; i += 2) {
  const name = rest[i].replace(/^--/, '');
  if (!(name in options) || rest[i + 1] === undefined) {
    console.error(`unknown or incomplete option: ${rest[i]}`);
    process.exit(2);
  }
  options[name] = rest[i + 1];
}
const count = Number(options.count);
const lingerMs = Number(options['linger-ms']);
const timeoutMs = Number(options['timeout-ms']);

const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

const client = createClient({
  url: url.replace(/^http/, 'ws'),
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0, // a test wants the first failure, not a reconnection that hides it
  lazy: true,
  on: {
    connected: () => print({ connected: true }),
  },
});

async function end(code) {
  clearTimeout(timer);
  await client.dispose();
  process.exit(code);
}

const timer = setTimeout(() => {
  console.error(`timeout after ${timeoutMs} ms: ${received} of ${count} events`);
  end(3);
}, timeoutMs);

let received = 0;
try {
  const events = client.iterate({ query: options.query, variables: JSON.parse(options.variables) });
  let lingerUntil = null;
  for await (const result of events) {
    if (result.errors?.length) {
      console.error(JSON.stringify(result.errors));
      await end(1);
    }
    print(result.data);
    received += 1;
    if (received === count) {
      if (lingerMs <= 0) break;
      lingerUntil = setTimeout(() => end(0), lingerMs);
    }
  }
  if (lingerUntil === null && received < count) {
    console.error(`the subscription completed after ${received} of ${count} events`);
    await end(1);
  }
  if (lingerUntil === null) await end(0);
} catch (error) {
  // graphql-ws rejects with the CloseEvent, or with the GraphQL errors of an `error` message
  if (Array.isArray(error)) console.error(JSON.stringify(error));
  else if (error?.code) console.error(`closed ${error.code}: ${error.reason}`);
  else console.error(String(error?.stack ?? error));
  await end(1);
}
