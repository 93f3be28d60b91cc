#!/usr/bin/env python
import sys
