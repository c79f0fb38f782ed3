import { describe, expect, it } from 'vitest';
import { DatabaseFaultError, asDatabaseFault, classifyDatabaseError } from './db-errors.ts';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('classifyDatabaseError', () => {
  it.each([
    ['SQLite busy', withCode('SQLITE_BUSY'), 'busy'],
    ['SQLite busy snapshot', withCode('SQLITE_BUSY_SNAPSHOT'), 'busy'],
    ['SQLite full disk', withCode('SQLITE_FULL'), 'storage_full'],
    ['SQLite I/O error', withCode('SQLITE_IOERR_WRITE'), 'unavailable'],
    ['PostgreSQL disk full', withCode('53100'), 'storage_full'],
    ['PostgreSQL statement timeout', withCode('57014'), 'timeout'],
    ['PostgreSQL lock timeout', withCode('55P03'), 'busy'],
    ['PostgreSQL deadlock', withCode('40P01'), 'busy'],
    ['PostgreSQL shutting down', withCode('57P01'), 'unavailable'],
    ['PostgreSQL starting up', withCode('57P03'), 'unavailable'],
    ['PostgreSQL connection failure', withCode('08006'), 'unavailable'],
    ['too many connections', withCode('53300'), 'unavailable'],
    ['connection refused', withCode('ECONNREFUSED'), 'unavailable'],
    ['connection reset', withCode('ECONNRESET'), 'unavailable'],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['connection lost', new Error('Connection terminated unexpectedly'), 'unavailable'],
    ['client-side query timeout', new Error('Query read timeout'), 'timeout'],
  ])('%s is a fault', (_, error, fault) => {
    expect(classifyDatabaseError(error)).toBe(fault);
    expect(asDatabaseFault(error)).toBeInstanceOf(DatabaseFaultError);
    expect(asDatabaseFault(error)!.cause).toBe(error);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a SQLite constraint', withCode('SQLITE_CONSTRAINT_UNIQUE')],
    ['bad SQL', withCode('42601')],
    ['a plain bug', new TypeError('x is undefined')],
    ['not an error', 'nothing'],
  ])('%s is not', (_, error) => {
    expect(classifyDatabaseError(error)).toBeUndefined();
    expect(asDatabaseFault(error)).toBeUndefined();
  });
});
