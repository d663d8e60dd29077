"""Public job pages: an organization's careers page, its vacancies, sitemap and feed."""
