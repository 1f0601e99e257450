import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type ListenHandlers = {
  /** A notification's payload. */
  message(payload: string): void;
  /** True once listening; false whenever the subscription is lost (it is re-established). */
  state(listening: boolean): void;
};
export type Unlisten = () => Promise<void>;

const CHANNEL = /^[a-z_][a-z0-9_]*$/;
const RETRY_MS = 1000;

/**
 * LISTEN on a PostgreSQL server over a dedicated connection (a pooled one would be handed to
 * other work). A lost connection reports `state(false)` and reconnects every second.
 */
export async function listenOnServer(
  url: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<Unlisten> {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let current: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client) => {
    if (current === client) current = null;
    handlers.state(false);
    client.end().catch(() => {});
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, RETRY_MS);
      retry.unref();
    }
  };
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => {
      if (n.channel === channel) handlers.message(n.payload ?? '');
    });
    client.on('error', () => lost(client));
    client.on('end', () => {
      if (current === client) lost(client);
    });
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch {
      lost(client);
      return;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    current = client;
    handlers.state(true);
  };

  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    const client = current;
    current = null;
    handlers.state(false);
    await client?.end().catch(() => {});
  };
}

/** LISTEN on embedded PGlite: one session, so its own NOTIFYs reach it. */
export async function listenEmbedded(
  pglite: PGlite,
  channel: string,
  handlers: ListenHandlers,
): Promise<Unlisten> {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
  const unsubscribe = await pglite.listen(channel, (payload) => handlers.message(payload));
  handlers.state(true);
  return async () => {
    handlers.state(false);
    await unsubscribe();
  };
}
