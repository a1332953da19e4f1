//! A tiny HTTP/1.1 server on 127.0.0.1 for tests: it answers a fixed number of requests, one per
//! connection, records each, and stops by itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: String,
}

pub struct Stub {
    pub base_url: String,
    received: mpsc::Receiver<Recorded>,
    handle: Option<JoinHandle<()>>,
}

impl Stub {
    /// Serves `count` requests, answering each with `respond(request) -> (status, JSON body)`.
    pub fn start(count: usize, respond: impl Fn(&Recorded) -> (u16, String) + Send + 'static) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("bound address"));
        let (tx, received) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming().take(count) {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
                if let Some(request) = read_request(&mut stream) {
                    let (status, body) = respond(&request);
                    let reason = if status < 400 { "OK" } else { "Bad Request" };
                    let reply = format!(
                        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(reply.as_bytes());
                    let _ = tx.send(request);
                }
            }
        });
        Stub { base_url, received, handle: Some(handle) }
    }

    /// The next request the server answered.
    pub fn next(&self) -> Recorded {
        self.received.recv_timeout(Duration::from_secs(10)).expect("the stub received a request")
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take()
            && handle.is_finished()
        {
            let _ = handle.join();
        }
    }
}

fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut length = 0;
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Recorded { method, path, body: String::from_utf8_lossy(&body).into_owned() })
}

/// Sends one request with std only (the "any HTTP client" of the route tests) and returns the
/// status and body.
pub fn send(base_url: &str, method: &str, path: &str, body: Option<&str>) -> (u16, Vec<u8>) {
    let addr = base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).expect("connect to the stub");
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).expect("read the reply");
    let text = String::from_utf8_lossy(&reply);
    let status = text.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let start = reply.windows(4).position(|w| w == b"\r\n\r\n").map_or(reply.len(), |i| i + 4);
    (status, reply[start..].to_vec())
}
