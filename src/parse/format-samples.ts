/**
 * Lines each built-in format must read as its own (lnav's `sample` in its
 * format files is the model): checked when the registry loads, and by
 * test/formats-samples.test.ts, which also checks that auto-detection gives
 * them to that format and not to one tried earlier. Formats built from
 * families (formats/family.ts) carry theirs.
 */
export const BUILTIN_SAMPLES: Readonly<Record<string, readonly string[]>> = {
  json: [
    '{"level":30,"time":1795233772184,"pid":15846,"hostname":"vm","name":"api","msg":"info message"}',
    '{"asctime": "2024-05-16 12:00:00,250", "levelname": "INFO", "name": "app", "message": "starting"}',
    '{"__REALTIME_TIMESTAMP":"1715860800123456","PRIORITY":"6","SYSLOG_IDENTIFIER":"systemd","MESSAGE":"Started Session 1 of user root."}',
    '{"t":{"$date":"2024-05-16T12:00:00.123+00:00"},"s":"I","c":"NETWORK","id":23016,"ctx":"listener","msg":"Waiting for connections"}',
    '{"context":{"namespace":"app.http","logLevel":30},"message":"listening","sequence":"2","time":1796163029347,"version":"2.0.0"}',
  ],
  logcli: [
    '{"labels":{"app":"nova","pod":"nova-api-0"},"line":"2026-12-01 10:00:00.123 7 INFO nova.api.openstack.requestlog [req-1 - - - - -] GET /v2.1/servers","timestamp":"2026-12-01T10:00:00.123456789Z"}',
  ],
  kubectl: [
    '2026-12-01T10:00:00.123456789Z 2026-12-01 10:00:00.123 7 INFO nova.api.openstack.requestlog [req-1 - - - - -] GET /v2.1/servers',
    '[pod/nova-api-7d9f8/nova-api] 2026-12-01T10:00:01.000000001Z Started',
  ],
  oslo: [
    '2024-05-16 00:00:23.709 25746 INFO oslo_service.service [-] Starting 4 workers',
    '2024-05-16 00:00:24.001 25746 ERROR nova.compute.manager [req-1 admin demo - - -] [instance: 6f1c] Build failed',
  ],
  log4j: [
    '2015-10-18 18:01:47,978 INFO [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster',
    '2024-05-16 10:00:00.123  INFO 12345 --- [           main] com.example.demo.DemoApplication         : Starting DemoApplication',
  ],
  rust: [
    '[2024-05-16T10:00:00Z INFO  my_app] starting up',
    '2024-05-16T10:00:00.289898Z  INFO fmt: preparing to shave yaks number_of_yaks=3',
  ],
  logcat: ['05-16 10:00:00.123  1234  5678 I ActivityManager: Start proc 4321:com.example/u0a55 for activity'],
  syslog: [
    "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
    "<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - 'su root' failed for lonvick on /dev/pts/8",
    'May 16 10:00:00 host systemd[1]: Started Session 1 of user root.',
  ],
  python: [
    '2024-05-16 12:00:00,250 INFO app starting 4 workers',
    '2024-05-16 12:00:01,750 - app - INFO - starting 4 workers',
    '2024-05-16 12:00:01,750 INFO app.db: connected',
    '2024-05-16 12:00:01,750 WARNING  [app.web] slow request',
    'DEBUG:app.db:connecting',
  ],
  apache: [
    '[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6',
    '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  ],
  glog: ['I0516 10:00:00.123456   12345 server.go:42] Serving on :8080'],
  golog: ['2009/11/10 23:00:01.123456 main.go:42: ERROR: cannot open config'],
  compose: [
    'web-1  | 2024-05-16 12:00:00,250 INFO app.web: listening',
    'db_1   | 2024-05-16 12:00:00.101 UTC [4242] LOG:  database system is ready to accept connections',
  ],
  logfmt: [
    'time="2024-05-16T12:00:00+02:00" level=info msg="A group of walrus emerges from the ocean" animal=walrus',
    'time=2024-05-16T12:00:00.123+02:00 level=INFO msg=hello count=3',
  ],
};
