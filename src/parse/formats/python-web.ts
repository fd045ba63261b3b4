import { Level } from '../../model/level.js';
import { familyFormat } from './family.js';

/**
 * The Python web stack's own log layouts, as their libraries configure them
 * (format strings copied from each project's source). Access lines in
 * Apache's combined shape (gunicorn's access log) are the apache format's.
 */

/** gunicorn/glogging.py: CONFIG_DEFAULTS formatters.generic, datefmt `[%Y-%m-%d %H:%M:%S %z]`. */
export const gunicornFormat = familyFormat({
  name: 'gunicorn',
  dateFormat: '%Y-%m-%d %H:%M:%S %z',
  templates: [{ fmt: '[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s', logger: 'gunicorn.error' }],
  samples: [
    '[2024-05-16 12:00:00 +0000] [4242] [INFO] Starting gunicorn 20.1.0',
    '[2024-05-16 12:00:00 +0200] [4243] [ERROR] Error handling request /boom',
  ],
});

/**
 * Flask's default handler (flask/logging.py `[%(asctime)s] %(levelname)s in
 * %(module)s: %(message)s`, the module standing for the logger) and the
 * werkzeug dev server's request lines (serving.py log_request, `%d/%b/%Y %H:%M:%S`).
 */
export const flaskFormat = familyFormat({
  name: 'flask',
  templates: [
    { fmt: '[%(asctime)s] %(levelname)s in %(module)s: %(message)s', loggerFrom: 'module' },
    { fmt: '%(client)s - - [%(asctime)s] %(message)s', dateFormat: '%d/%b/%Y %H:%M:%S', logger: 'werkzeug', level: Level.info, request: true },
  ],
  samples: [
    '[2024-05-16 12:00:00,123] ERROR in app: Exception on /boom [GET]',
    '127.0.0.1 - - [16/May/2024 12:00:03] "GET / HTTP/1.1" 200 -',
  ],
});

/**
 * Django: the `django.server` formatter of DEFAULT_LOGGING (`[{server_time}]
 * {message}`, levels by status as WSGIRequestHandler logs them) and the
 * `verbose` formatter of the logging docs.
 */
export const djangoFormat = familyFormat({
  name: 'django',
  templates: [
    { fmt: '[{asctime}] {message}', style: '{', dateFormat: '%d/%b/%Y %H:%M:%S', logger: 'django.server', levelFromStatus: 'status', level: Level.info, request: true },
    { fmt: '{levelname} {asctime} {module} {process:d} {thread:d} {message}', style: '{', loggerFrom: 'module' },
  ],
  samples: [
    '[16/May/2024 12:00:03] "GET /missing HTTP/1.1" 404 179',
    '[16/May/2024 12:00:04] code 400, message Bad request syntax',
    'WARNING 2024-05-16 12:00:05,006 log 4242 140230012345 Not Found: /missing',
  ],
});

/** uvicorn/config.py LOGGING_CONFIG: `%(levelprefix)s %(message)s` and the access formatter. */
export const uvicornFormat = familyFormat({
  name: 'uvicorn',
  templates: [
    { fmt: '%(levelprefix)s %(client_addr)s - %(message)s', logger: 'uvicorn.access', request: true },
    { fmt: '%(levelprefix)s %(message)s', logger: 'uvicorn.error' },
  ],
  samples: [
    'INFO:     Started server process [4242]',
    'INFO:     127.0.0.1:50000 - "GET / HTTP/1.1" 200 OK',
  ],
});

/** Celery's worker_log_format and worker_task_log_format (celery/app/defaults.py); beat writes the first. */
export const celeryFormat = familyFormat({
  name: 'celery',
  templates: [
    { fmt: '[%(asctime)s: %(levelname)s/%(processName)s] %(task_name)s[%(task_id)s]: %(message)s', loggerFrom: 'task_name' },
    { fmt: '[%(asctime)s: %(levelname)s/%(processName)s] %(message)s', logger: 'celery' },
  ],
  samples: [
    '[2024-05-16 12:00:00,123: INFO/MainProcess] Connected to memory://localhost//',
    '[2024-05-16 12:00:01,001: WARNING/ForkPoolWorker-1] tasks.add[8d4f0b6e-1b1c-4c31-a4a1-0d3c3b1f2e9a]: adding',
  ],
});

/** warnings.formatwarning: `file:line: Category: message`, then the source line indented. */
export const pyWarningsFormat = familyFormat({
  name: 'pywarnings',
  templates: [{ fmt: '%(pathname)s:%(lineno)d: %(category)s: %(message)s', logger: 'py.warnings', level: Level.warning }],
  samples: ['/srv/app/main.py:12: DeprecationWarning: use new_api() instead'],
});
