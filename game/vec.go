package game

import "math"

// Vec2 is a point or a vector in world units (1 unit = 1 map pixel; +Y down).
//
// Its methods give bit-identical results on every platform: products are
// rounded explicitly (float64(x*y)) because the Go spec lets a compiler fuse
// x*y+z into one FMA instruction (even across an inlined call), which it does
// on arm64, ppc64le, s390x, riscv64, loong64 and amd64 with GOAMD64=v3, and
// Len uses math.Sqrt (exactly rounded everywhere) instead of math.Hypot
// (whose pure-Go body is itself subject to fusion). Client prediction
// depends on it. math.Sin and math.Cos (FromAngle) are not covered: their
// pure-Go bodies fuse on some of those platforms, so a shot's direction may
// differ in the last bit between server builds; movement does not use them.
type Vec2 struct{ X, Y float64 }

// Add returns v+o.
func (v Vec2) Add(o Vec2) Vec2 { return Vec2{v.X + o.X, v.Y + o.Y} }

// Sub returns v-o.
func (v Vec2) Sub(o Vec2) Vec2 { return Vec2{v.X - o.X, v.Y - o.Y} }

// Scale returns v*s.
func (v Vec2) Scale(s float64) Vec2 { return Vec2{float64(v.X * s), float64(v.Y * s)} }

// Dot returns the dot product of v and o.
func (v Vec2) Dot(o Vec2) float64 { return float64(v.X*o.X) + float64(v.Y*o.Y) }

// Len returns the length of v.
func (v Vec2) Len() float64 { return math.Sqrt(v.Dot(v)) }

// Dist returns the distance between v and o.
func (v Vec2) Dist(o Vec2) float64 { return v.Sub(o).Len() }

// FromAngle returns the unit vector at angle rad.
func FromAngle(rad float64) Vec2 { return Vec2{math.Cos(rad), math.Sin(rad)} }

// Rect is an axis-aligned rectangle, Min inclusive, Max exclusive.
type Rect struct{ Min, Max Vec2 }

// W returns the width of r.
func (r Rect) W() float64 { return r.Max.X - r.Min.X }

// H returns the height of r.
func (r Rect) H() float64 { return r.Max.Y - r.Min.Y }
