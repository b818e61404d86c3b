package agones

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultSDKPort is the sidecar's HTTP port when AGONES_SDK_HTTP_PORT is not
// set.
const DefaultSDKPort = 9358

// SidecarURL returns the base URL of the sidecar's REST API from the
// environment variable AGONES_SDK_HTTP_PORT (DefaultSDKPort when it is not
// set), or an error naming the variable when it is not a port.
func SidecarURL(lookupEnv func(string) (string, bool)) (string, error) {
	port := DefaultSDKPort
	if s, ok := lookupEnv("AGONES_SDK_HTTP_PORT"); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("environment variable AGONES_SDK_HTTP_PORT=%q: not a port 1..65535", s)
		}
		port = n
	}
	return "http://localhost:" + strconv.Itoa(port), nil
}

// Client calls the sidecar's REST API. Each call is bounded by its context
// and by the HTTP client's timeout.
type Client struct {
	base string
	http *http.Client
}

// requestTimeout bounds one call when the caller's context does not: the
// sidecar is on localhost and answers in milliseconds.
const requestTimeout = 5 * time.Second

// NewClient returns a Client of the sidecar at baseURL, e.g.
// "http://localhost:9358".
func NewClient(baseURL string) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("agones: sidecar URL %q: want http://host:port", baseURL)
	}
	return &Client{base: strings.TrimSuffix(baseURL, "/"), http: &http.Client{Timeout: requestTimeout}}, nil
}

// StatusError is a call the sidecar answered with a status other than 200.
type StatusError struct {
	Method, Path string
	Code         int
	Body         string // the start of the answer, for the log
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("agones: %s %s: HTTP %d %s", e.Method, e.Path, e.Code, e.Body)
}

// IsAnswer reports whether err is an answer of the sidecar (a
// *StatusError), as opposed to no answer at all (refused, timed out). A
// sidecar answers 404 for a counter the GameServer does not declare, and
// 500 for a feature whose gate is off.
func IsAnswer(err error) bool {
	var se *StatusError
	return errors.As(err, &se)
}

// Ready tells Agones the game server accepts players (POST /ready).
func (c *Client) Ready(ctx context.Context) error {
	return c.call(ctx, http.MethodPost, "/ready", struct{}{}, nil)
}

// Health is the health ping (POST /health); Agones marks the game server
// Unhealthy when none comes for the Fleet's health period.
func (c *Client) Health(ctx context.Context) error {
	return c.call(ctx, http.MethodPost, "/health", struct{}{}, nil)
}

// Shutdown asks Agones to shut the game server down (POST /shutdown).
func (c *Client) Shutdown(ctx context.Context) error {
	return c.call(ctx, http.MethodPost, "/shutdown", struct{}{}, nil)
}

// Counter is an Agones counter (beta Counters API).
type Counter struct {
	Name     string
	Count    int64
	Capacity int64
}

// int64JSON is an int64 as the sidecar's JSON writes it: a string (proto3's
// JSON mapping of int64), or a number.
type int64JSON int64

func (n *int64JSON) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("not an integer: %s", b)
	}
	*n = int64JSON(v)
	return nil
}

// Counter reads the counter name (GET /v1beta1/counters/{name}).
func (c *Client) Counter(ctx context.Context, name string) (Counter, error) {
	var out struct {
		Name     string    `json:"name"`
		Count    int64JSON `json:"count"`
		Capacity int64JSON `json:"capacity"`
	}
	err := c.call(ctx, http.MethodGet, "/v1beta1/counters/"+url.PathEscape(name), nil, &out)
	return Counter{Name: out.Name, Count: int64(out.Count), Capacity: int64(out.Capacity)}, err
}

// SetCounterCount sets the counter's count (PATCH /v1beta1/counters/{name}
// with {"count": "n"}). Agones refuses a count above the capacity.
func (c *Client) SetCounterCount(ctx context.Context, name string, n int64) error {
	body := map[string]string{"count": strconv.FormatInt(n, 10)}
	return c.call(ctx, http.MethodPatch, "/v1beta1/counters/"+url.PathEscape(name), body, nil)
}

// SetCounterCapacity sets the counter's capacity (PATCH
// /v1beta1/counters/{name} with {"capacity": "n"}).
func (c *Client) SetCounterCapacity(ctx context.Context, name string, n int64) error {
	body := map[string]string{"capacity": strconv.FormatInt(n, 10)}
	return c.call(ctx, http.MethodPatch, "/v1beta1/counters/"+url.PathEscape(name), body, nil)
}

// PlayerConnect records a player (alpha player tracking, POST
// /alpha/player/connect).
func (c *Client) PlayerConnect(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodPost, "/alpha/player/connect", map[string]string{"playerID": id}, nil)
}

// PlayerDisconnect forgets a player (POST /alpha/player/disconnect).
func (c *Client) PlayerDisconnect(ctx context.Context, id string) error {
	return c.call(ctx, http.MethodPost, "/alpha/player/disconnect", map[string]string{"playerID": id}, nil)
}

// SetPlayerCapacity sets the player capacity (PUT /alpha/player/capacity).
func (c *Client) SetPlayerCapacity(ctx context.Context, n int64) error {
	return c.call(ctx, http.MethodPut, "/alpha/player/capacity", map[string]string{"count": strconv.FormatInt(n, 10)}, nil)
}

// PlayerCapacity reads the player capacity (GET /alpha/player/capacity).
func (c *Client) PlayerCapacity(ctx context.Context) (int64, error) {
	var out struct {
		Count int64JSON `json:"count"`
	}
	err := c.call(ctx, http.MethodGet, "/alpha/player/capacity", nil, &out)
	return int64(out.Count), err
}

// call sends one request with body as JSON (none when nil) and decodes a
// 200 answer into out (when not nil).
func (c *Client) call(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("agones: %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return fmt.Errorf("agones: %s %s: %w", method, path, err)
	}
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("agones: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return fmt.Errorf("agones: %s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		snippet := strings.TrimSpace(string(data))
		if len(snippet) > 200 {
			snippet = snippet[:200] + "…"
		}
		return &StatusError{Method: method, Path: path, Code: resp.StatusCode, Body: snippet}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("agones: %s %s: answer %q: %w", method, path, data, err)
		}
	}
	return nil
}
