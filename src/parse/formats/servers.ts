import { Level } from '../../model/level.js';
import { familyFormat } from './family.js';

/**
 * Servers' own text logs, read with their documented default layouts
 * written as Python format strings (the fixtures are hand-written from each
 * project's documentation: the servers do not run here).
 */

const PG_LEVELS: Record<string, Level> = {
  log: Level.info, debug1: Level.debug, debug2: Level.debug, debug3: Level.debug, debug4: Level.debug, debug5: Level.debug,
  panic: Level.critical, fatal: Level.critical,
};
const PG_FOLD = ['DETAIL', 'HINT', 'STATEMENT', 'CONTEXT', 'QUERY', 'LOCATION'];

/**
 * PostgreSQL: log_line_prefix `%m [%p] ` (the default since 10) and Debian's
 * `%m [%p] %q%u@%d `; DETAIL/HINT/STATEMENT/CONTEXT lines are the body of the message before them.
 */
export const postgresFormat = familyFormat({
  name: 'postgres',
  dateFormat: '%Y-%m-%d %H:%M:%S.mmm %Z',
  templates: [
    { fmt: '%(asctime)s [%(process)d] %(user)s@%(database)s %(levelname)s:  %(message)s', logger: 'postgres', levels: PG_LEVELS, foldLevels: PG_FOLD },
    { fmt: '%(asctime)s [%(process)d] %(levelname)s:  %(message)s', logger: 'postgres', levels: PG_LEVELS, foldLevels: PG_FOLD },
  ],
  samples: [
    '2024-05-16 12:00:00.123 UTC [4242] LOG:  database system is ready to accept connections',
    '2024-05-16 12:00:01.000 CEST [4250] app@shop ERROR:  relation "orders" does not exist at character 15',
  ],
});

const MYSQL_LEVELS: Record<string, Level> = { system: Level.info, note: Level.info };

/** MySQL 8 (`time thread [Level] [MY-code] [Subsystem] message`, subsystem as logger) and MariaDB (`time thread [Level] message`). */
export const mysqlFormat = familyFormat({
  name: 'mysql',
  templates: [
    { fmt: '%(asctime)s %(thread)d [%(levelname)s] [%(code)s] [%(subsystem)s] %(message)s', dateFormat: '%Y-%m-%dT%H:%M:%S.%f%z', loggerFrom: 'subsystem', levels: MYSQL_LEVELS },
    { fmt: '%(asctime)s %(thread)d [%(levelname)s] %(message)s', dateFormat: '%Y-%m-%d %H:%M:%S', logger: 'mysqld', levels: MYSQL_LEVELS },
  ],
  samples: [
    '2024-05-16T12:00:00.123456Z 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld 8.0.36) starting as process 1',
    '2024-05-16 12:00:00 0 [Note] InnoDB: Starting shutdown...',
  ],
});

/** nginx error log (src/core/ngx_log.c): `yyyy/mm/dd HH:MM:SS [level] pid#tid: *cid message`. */
export const nginxErrorFormat = familyFormat({
  name: 'nginx',
  dateFormat: '%Y/%m/%d %H:%M:%S',
  templates: [{ fmt: '%(asctime)s [%(levelname)s] %(process)d#%(thread)d: %(message)s', logger: 'nginx' }],
  samples: ['2024/05/16 12:00:00 [error] 4242#4242: *1 open() "/srv/www/x" failed (2: No such file or directory), client: 10.0.0.1, server: localhost, request: "GET /x HTTP/1.1", host: "localhost"'],
});

/** Access logs with the virtual host first (Apache's vhost_combined, nginx `$host $remote_addr ...`). */
export const vhostAccessFormat = familyFormat({
  name: 'vhost-access',
  dateFormat: '%d/%b/%Y:%H:%M:%S %z',
  templates: [{ fmt: '%(vhost)s %(client)s %(ident)s %(user)s [%(asctime)s] %(message)s', request: true, levelFromStatus: 'status' }],
  samples: ['shop.example.com:443 10.0.0.1 - - [16/May/2024:12:00:00 +0000] "GET /cart HTTP/1.1" 200 512 "-" "curl/8.0"'],
});

/** Monolog's LineFormatter (Laravel's default): `[time] channel.LEVEL: message context extra`. */
export const monologFormat = familyFormat({
  name: 'monolog',
  templates: [
    { fmt: '[%(asctime)s] %(channel)s.%(levelname)s: %(message)s', dateFormat: '%Y-%m-%dT%H:%M:%S.%f%z', loggerFrom: 'channel' },
    { fmt: '[%(asctime)s] %(channel)s.%(levelname)s: %(message)s', dateFormat: '%Y-%m-%d %H:%M:%S', loggerFrom: 'channel' },
  ],
  samples: [
    '[2024-05-16T12:00:00.123456+00:00] app.INFO: User logged in {"id":1} []',
    '[2024-05-16 12:00:00] production.ERROR: Division by zero {"exception":"[object] (DivisionByZeroError(code: 0): Division by zero at /var/www/app/Http/Controllers/X.php:12)"} []',
  ],
});
