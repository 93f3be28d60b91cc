module github.com/acme/platform/billing

go 1.22
