"""Zhifa (执法): a township comprehensive administrative law-enforcement platform."""
