module github.com/acme/platform/auth

go 1.22
