module github.com/acme/platform/notifications

go 1.22
