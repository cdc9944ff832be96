"""A scripted OpenAI-compatible chat endpoint for kevo's tests.

    python3 mock_chat_server.py SCRIPT

Listens on 127.0.0.1 (a free port), prints "PORT <n>" and serves POST
/v1/chat/completions by answering with the SCRIPT's entries in order (JSON
list of {"status", "body", "headers", "delay"}); the last entry repeats.
Each received request is appended, as one JSON line, to SCRIPT + ".log".
Standard library only.
"""
import http.server
import json
import sys
import threading
import time


def main():
    script_path = sys.argv[1]
    script = json.load(open(script_path))
    lock = threading.Lock()
    state = {"next": 0}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            with lock:
                entry = script[min(state["next"], len(script) - 1)]
                state["next"] += 1
                with open(script_path + ".log", "a") as log:
                    log.write(json.dumps({"path": self.path, "authorization": self.headers.get("Authorization"),
                                          "body": body}) + "\n")
            time.sleep(entry.get("delay", 0))
            payload = entry["body"] if isinstance(entry["body"], str) else json.dumps(entry["body"])
            try:
                self.send_response(entry.get("status", 200))
                for name, value in entry.get("headers", {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload.encode())
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("PORT", server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
