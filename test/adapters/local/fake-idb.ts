/**
 * fake-indexeddb for the IndexedDB store's tests, without a global `indexedDB`: each test makes its
 * own IDBFactory and passes it to the store, so tests are isolated and a store that reached for the
 * global would fail ("IndexedDB is unavailable"). The `idb` wrapper recognises IndexedDB objects
 * with `instanceof IDBRequest`, `IDBDatabase`, … against the globals, so the fake's classes are
 * installed as those globals (a browser always has them).
 */
import {
  IDBCursor,
  IDBCursorWithValue,
  IDBDatabase,
  IDBFactory,
  IDBIndex,
  IDBKeyRange,
  IDBObjectStore,
  IDBOpenDBRequest,
  IDBRequest,
  IDBTransaction,
  IDBVersionChangeEvent,
} from "fake-indexeddb";

Object.assign(globalThis, {
  IDBCursor,
  IDBCursorWithValue,
  IDBDatabase,
  IDBFactory,
  IDBIndex,
  IDBKeyRange,
  IDBObjectStore,
  IDBOpenDBRequest,
  IDBRequest,
  IDBTransaction,
  IDBVersionChangeEvent,
});

export const freshFactory = (): IDBFactory => new IDBFactory();
