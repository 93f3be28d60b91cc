module github.com/acme/platform/api

go 1.22
