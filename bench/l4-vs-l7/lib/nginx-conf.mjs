// nginx configurations for the backends and the two middle-box proxy modes.
// Every instance gets its own prefix directory (pid file, temp paths, error log) so nothing
// touches /etc/nginx or a system nginx that may be running.

export const STREAM_MODULE = '/usr/lib/nginx/modules/ngx_stream_module.so';

/** Settings every instance shares. `daemon off` keeps the master as our child process. */
function common(dir, { workerConnections }) {
  return `
daemon off;
master_process on;
worker_processes 1;
worker_rlimit_nofile ${workerConnections * 2};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections ${workerConnections}; }
`;
}

/** http{} settings shared by backends and the L7 proxy. */
function httpCommon(dir) {
  // keepalive_requests defaults to 1000, which would make "keep-alive" passes reconnect
  // every 1000 requests; the long-lived test holds connections idle for a while.
  return `
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  default_type text/plain;
`;
}

/** A backend: a fixed small body, so backend work is the same in every mode. */
export function backendConf(dir, { name, workerConnections }) {
  return `${common(dir, { workerConnections })}
http {
${httpCommon(dir)}
  server {
    listen 80 backlog=4096;
    location / { return 200 "${name}\\n"; }
  }
}
`;
}

/** User-space L4: one TCP connection to a backend per client connection, bytes copied through. */
export function streamConf(dir, { listen, backends, workerConnections }) {
  return `load_module ${STREAM_MODULE};
${common(dir, { workerConnections })}
stream {
  upstream be { ${backends.map((b) => `server ${b}:80;`).join(' ')} }
  server {
    listen ${listen} backlog=4096;
    proxy_pass be;
  }
}
`;
}

/**
 * L7: parses HTTP, picks a backend per request, and by default reuses a pool of upstream keep-alive
 * connections (which needs HTTP/1.1 and an empty Connection header upstream). Without the pool nginx
 * speaks HTTP/1.0 with `Connection: close` upstream: one backend connection per request.
 */
export function httpProxyConf(dir, { listen, backends, workerConnections, upstreamKeepalive = true }) {
  const pool = upstreamKeepalive
    ? `
    keepalive 64;
    keepalive_requests 1000000;
    keepalive_timeout 300s;`
    : '';
  const reuse = upstreamKeepalive
    ? `
      proxy_http_version 1.1;
      proxy_set_header Connection "";`
    : '';
  return `${common(dir, { workerConnections })}
http {
${httpCommon(dir)}
  upstream up {
    ${backends.map((b) => `server ${b}:80;`).join('\n    ')}${pool}
  }
  server {
    listen ${listen} backlog=4096;
    location / {
      proxy_pass http://up;${reuse}
    }
  }
}
`;
}

/** Minimal config used by the preflight check that the stream module loads. */
export function streamProbeConf(dir) {
  return `load_module ${STREAM_MODULE};
pid ${dir}/probe.pid;
error_log ${dir}/probe-error.log;
events {}
stream {}
`;
}
