"""The driver program for spark-submit, which runs a .py file and not a console script:

    spark-submit --master yarn "$(python -c 'import attribution.engines.spark_submit as m; print(m.__file__)')" \
        extract --engine spark hdfs:///archive/articles.parquet -o hdfs:///archive/quotes.parquet

runs `attribution extract ...` with spark-submit's --master and --conf settings.
"""

from attribution.cli.main import app

if __name__ == "__main__":
    app(prog_name="attribution")
