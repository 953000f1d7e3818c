//! A local HTTP/1.1 server for tests: it listens on `127.0.0.1` (never any
//! other address), answers each request with what a handler returns, and
//! records every request it received.
//!
//! It runs on a thread and runtime of its own, so it serves the same
//! whether the test is synchronous, async, or async with tokio's clock
//! paused. Bounds: bodies up to 1 MiB, 30 s per connection, 10,000
//! recorded requests; it stops when dropped.
//!
//! ```
//! use partner_center_testserver::{Reply, Server};
//!
//! let server = Server::start(|request| {
//!     assert_eq!(request.method, "GET");
//!     Reply::json(200, r#"{"id": "1"}"#)
//! });
//! let url = format!("{}/v1/customers/1", server.url());
//! # let _ = url;
//! assert!(server.requests().is_empty());
//! ```

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The largest request body read.
const MAX_BODY: usize = 1024 * 1024;
/// The longest a connection is served.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(30);
/// The most requests recorded.
const MAX_RECORDED: usize = 10_000;

/// A request as the server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The method (`GET`).
    pub method: String,
    /// The path, percent-encoded as sent.
    pub path: String,
    /// The query as sent (without `?`), if any.
    pub query: Option<String>,
    /// The headers, names in lower case, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The value of header `name` (any casing).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The query's pairs, decoded.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let Some(query) = &self.query else { return Vec::new() };
        query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key), decode(value))
            })
            .collect()
    }
}

/// `a%20b+c` -> `a b c`.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'+', _) => out.push(b' '),
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 2;
            }
            (byte, _) => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// What the server answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A reply with `status` and a JSON body.
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into().into_bytes(),
        }
    }

    /// A reply with `status` and no body.
    pub fn empty(status: u16) -> Self {
        Reply { status, headers: Vec::new(), body: Vec::new() }
    }

    /// The same reply with one more header.
    #[must_use]
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A running server; it stops when dropped.
pub struct Server {
    address: SocketAddr,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts a server on `127.0.0.1` and a free port that answers each
    /// request with `handler`'s reply.
    ///
    /// # Panics
    ///
    /// If no port on 127.0.0.1 can be bound.
    pub fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let handler: Arc<Handler> = Arc::new(handler);
        let recorded = Arc::new(Mutex::new(Vec::new()));
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("a non-blocking listener");
        let address = listener.local_addr().expect("a local address");
        let (stop, stopped) = oneshot::channel();
        let requests = recorded.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_io()
                .enable_time()
                .build()
                .expect("a runtime");
            runtime.block_on(serve(listener, handler, requests, stopped));
        });
        Server { address, recorded, stop: Some(stop), thread: Some(thread) }
    }

    /// The server's base URL (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.recorded.lock().expect("not poisoned").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

async fn serve(
    listener: std::net::TcpListener,
    handler: Arc<Handler>,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    mut stopped: oneshot::Receiver<()>,
) {
    let listener = TcpListener::from_std(listener).expect("a tokio listener");
    loop {
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        let (handler, recorded) = (handler.clone(), recorded.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let (handler, recorded) = (handler.clone(), recorded.clone());
                async move { answer(request, &*handler, &recorded).await }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_TIMEOUT, connection).await;
        });
    }
}

async fn answer(
    request: hyper::Request<Incoming>,
    handler: &Handler,
    recorded: &Mutex<Vec<Recorded>>,
) -> Result<hyper::Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = request.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => return Ok(status_only(413)),
    };
    let request = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())
            })
            .collect(),
        body,
    };
    let reply = handler(&request);
    {
        let mut recorded = recorded.lock().expect("not poisoned");
        if recorded.len() < MAX_RECORDED {
            recorded.push(request);
        }
    }
    let mut response = hyper::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    Ok(response.body(Full::new(Bytes::from(reply.body))).unwrap_or_else(|_| status_only(500)))
}

fn status_only(status: u16) -> hyper::Response<Full<Bytes>> {
    let mut response = hyper::Response::new(Full::new(Bytes::new()));
    *response.status_mut() = hyper::StatusCode::from_u16(status).expect("a valid status");
    response
}
