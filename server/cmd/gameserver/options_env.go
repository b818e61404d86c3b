package main

// Environment variables as flag defaults, for the option groups.

import (
	"fmt"
	"strconv"
	"time"
)

// envString sets *dst from the variable name when it is set.
func envString(lookupEnv func(string) (string, bool), name string, dst *string) {
	if s, ok := lookupEnv(name); ok {
		*dst = s
	}
}

// envInt sets *dst from the variable name when it is set.
func envInt(lookupEnv func(string) (string, bool), name string, dst *int) error {
	if s, ok := lookupEnv(name); ok {
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("environment variable %s=%q: not an integer", name, s)
		}
		*dst = n
	}
	return nil
}

// envDuration sets *dst from the variable name when it is set.
func envDuration(lookupEnv func(string) (string, bool), name string, dst *time.Duration) error {
	if s, ok := lookupEnv(name); ok {
		d, err := time.ParseDuration(s)
		if err != nil {
			return fmt.Errorf("environment variable %s=%q: not a duration", name, s)
		}
		*dst = d
	}
	return nil
}

// envBool sets *dst from the variable name when it is set.
func envBool(lookupEnv func(string) (string, bool), name string, dst *bool) error {
	if s, ok := lookupEnv(name); ok {
		b, err := strconv.ParseBool(s)
		if err != nil {
			return fmt.Errorf("environment variable %s=%q: not true or false", name, s)
		}
		*dst = b
	}
	return nil
}
