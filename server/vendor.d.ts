// aedes-persistence-redis 11 ships no types: its factory takes ioredis options and returns an aedes persistence.
declare module 'aedes-persistence-redis' {
  export default function aedesPersistenceRedis(options: Record<string, unknown>): unknown;
}
